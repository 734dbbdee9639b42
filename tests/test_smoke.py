def test_home_page_lists_the_centres(testapp):
    response = testapp.get("/")
    assert "TRC Ušivak" in response.text
    assert '<html lang="en" dir="ltr">' in response.text
