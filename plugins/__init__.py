"""The portal's own plugins, one package each (see README: Writing a plugin)."""
