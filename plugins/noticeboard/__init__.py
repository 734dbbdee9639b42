"""Notice boards: notices per centre and language, shown on the web and at kiosks."""
