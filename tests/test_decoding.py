import pytest

from newsgraph.ingest.decoding import DecodeError, declared_charset, decode_bytes, sniff_binary
from newsgraph.ingest.document import ReadError

UKRAINIAN = "Міністр закордонних справ заявила, що країна потребує боєприпасів, а не військ."
RUSSIAN = "Министр иностранных дел заявил, что страна нуждается в боеприпасах, а не в войсках."
FRENCH = "Le ministre a déclaré qu’il était prêt à négocier « sans délai » à Genève."
GERMAN = "Der Außenminister sagte, die Straße nach München sei für Bürger gesperrt."


def test_utf8_passes_through():
    assert decode_bytes(UKRAINIAN.encode("utf-8")) == UKRAINIAN


@pytest.mark.parametrize("bom,encoding", [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")])
def test_bom_is_honoured_and_removed(bom, encoding):
    assert decode_bytes(bom + GERMAN.encode(encoding)) == GERMAN


@pytest.mark.parametrize(
    "text,encoding",
    [(UKRAINIAN, "cp1251"), (UKRAINIAN, "koi8_u"), (RUSSIAN, "cp1251"), (RUSSIAN, "koi8_r"),
     (FRENCH, "cp1252"), (GERMAN, "latin-1"), (GERMAN, "cp1252")],
)
def test_legacy_encodings_decode_to_the_original_words(text, encoding):
    assert decode_bytes(text.encode(encoding)) == text


def test_short_cyrillic_word_is_not_read_as_cjk():
    assert decode_bytes("Київ".encode("cp1251")) == "Київ"


def test_cp1252_typography_is_not_control_characters():
    decoded = decode_bytes("“Quoted” — and … more".encode("cp1252"))
    assert decoded == "“Quoted” — and … more"
    assert not any(0x80 <= ord(char) <= 0x9F for char in decoded)


def test_mostly_utf8_with_damage_replaces_only_the_bad_byte():
    data = "Київ — «столиця» України, café".encode("utf-8") + b" \xff tail"
    decoded = decode_bytes(data)
    assert decoded.startswith("Київ — «столиця» України, café")
    assert decoded.count("\ufffd") == 1
    assert decoded.endswith(" tail")


def test_declared_charset_is_used_when_bytes_are_not_utf8():
    page = '<html><head><meta charset="koi8-r"></head><body>Привет мир</body></html>'
    data = page.encode("koi8_r")
    assert declared_charset(data) == "koi8-r"
    assert decode_bytes(data) == page


def test_declared_charset_does_not_override_valid_utf8():
    assert decode_bytes("café".encode("utf-8"), declared="iso-8859-1") == "café"


@pytest.mark.parametrize(
    "data,kind",
    [(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"), (b"%PDF-1.7\n", "PDF document"),
     (b"PK\x03\x04\x14\x00", "ZIP archive"), (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
     (b"text with \x00 NUL bytes inside", "contains NUL bytes")],
)
def test_binary_is_refused_with_its_kind(data, kind):
    assert sniff_binary(data) == kind
    with pytest.raises(DecodeError, match=rf"binary file \({kind}\), not text"):
        decode_bytes(data)


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", "\ufeff  ".encode("utf-8")])
def test_empty_and_whitespace_only_are_empty_files(data):
    with pytest.raises(ReadError, match="^empty file$"):
        decode_bytes(data)
