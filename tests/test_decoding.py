import pytest

from newsgraph.ingest.decoding import DecodeError, Decoded, declared_charset, decode, decode_bytes, sniff_binary
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


# ---- the decoding matrix: each kind of input, its text, encoding and warnings --------------

ENGLISH_LINES = [
    "The ministry’s “blacklists” – published on Monday – named forty firms.",
    "Officials said the list would grow – perhaps to sixty names – by June.",
    "The agency’s spokesman declined to say which sectors were affected.",
    "Critics called the move “overdue” and asked for the full criteria.",
    "A court will hear the first appeal next week, the ministry said.",
]
ENGLISH = "\n".join(ENGLISH_LINES) + "\n"
# Few curly marks, more stray bytes than curly marks: the case that used to be re-guessed as Mac-Cyrillic.
PLAIN_ENGLISH = (
    "The ministry published its blacklists on Monday – forty firms in all. Officials said the list would "
    "grow by June, and the agency declined to say which sectors were affected. A court will hear the "
    "first appeal next week.\n"
)
CP1252_TEXT = "“Smart” quotes cost €5 — a ‘deal’… said the shop’s owner, who sells them by the dozen."
LATIN1_TEXT = "Die Straße nach München wird für Bürger gesperrt. Der Außenminister äußerte sich über die Lage."
RUSSIAN_SENTENCES = (
    "Министр иностранных дел заявил, что страна нуждается в боеприпасах. "
    "Переговоры продолжатся в пятницу. Решение будет принято после встречи в Женеве."
)


def _with_stray_bytes(text: str, line: int) -> bytes:
    """`text` in UTF-8 with three invalid bytes put into the middle of the given (1-based) line."""
    lines = text.encode("utf-8").split(b"\n")
    middle = len(lines[line - 1]) // 2
    middle = lines[line - 1].rfind(b" ", 0, middle)  # a space: not inside a multi-byte character
    lines[line - 1] = lines[line - 1][:middle] + b" \x92\xc0 \xff" + lines[line - 1][middle:]
    return b"\n".join(lines)


@pytest.mark.parametrize(
    "data,text,encoding,warnings",
    [
        pytest.param(ENGLISH.encode("utf-8"), ENGLISH, "utf-8", (), id="utf-8"),
        pytest.param(b"\xff\xfe" + ENGLISH.encode("utf-16-le"), ENGLISH, "utf-16-le", (), id="utf-16-le-bom"),
        pytest.param(b"\xfe\xff" + ENGLISH.encode("utf-16-be"), ENGLISH, "utf-16-be", (), id="utf-16-be-bom"),
        pytest.param(CP1252_TEXT.encode("cp1252"), CP1252_TEXT, "cp1252", (), id="cp1252"),
        pytest.param(LATIN1_TEXT.encode("latin-1"), LATIN1_TEXT, "cp1252", (), id="latin-1"),  # the same letters
        pytest.param(RUSSIAN_SENTENCES.encode("cp1251"), RUSSIAN_SENTENCES, "cp1251", (), id="cp1251"),
        pytest.param(RUSSIAN_SENTENCES.encode("koi8_r"), RUSSIAN_SENTENCES, "koi8-r", (), id="koi8-r"),
    ],
)
def test_decoding_matrix(data, text, encoding, warnings):
    assert decode(data) == Decoded(text, encoding, warnings)
    assert decode_bytes(data) == text


@pytest.mark.parametrize("text,line", [(ENGLISH, 3), (PLAIN_ENGLISH, 1)], ids=["curly-quotes", "one-dash"])
def test_a_few_invalid_bytes_in_utf8_are_replaced_not_reguessed(text, line):
    decoded = decode(_with_stray_bytes(text, line))
    assert decoded.encoding == "utf-8"
    assert decoded.warnings == (f"3 invalid UTF-8 bytes replaced (first on line {line})",)
    assert decoded.text.replace(" \ufffd\ufffd \ufffd", "") == text
    assert decode_bytes(_with_stray_bytes(text, line)) == decoded.text


def test_mixed_file_keeps_every_utf8_line():
    legacy_line = "He said “no” to the €5 fee – twice.".encode("cp1252")
    lines = [line.encode("utf-8") for line in ENGLISH_LINES]
    data = b"\n".join(lines[:3] + [legacy_line] + lines[3:]) + b"\n"
    decoded = decode(data)
    assert decoded.encoding == "utf-8"
    assert decoded.warnings == ("4 invalid UTF-8 bytes replaced (first on line 4)",)
    out = decoded.text.split("\n")
    assert out[:3] + out[4:6] == ENGLISH_LINES
    assert out[3] == "He said \ufffdno\ufffd to the \ufffd5 fee \ufffd twice."


def test_legacy_text_with_chance_utf8_sequences_is_still_legacy():
    # koi8-u "ні" is the valid UTF-8 "Φ" by chance; five such pairs against 56 invalid bytes.
    assert decode(UKRAINIAN.encode("koi8_u")) == Decoded(UKRAINIAN, "koi8-u", ())


def test_undecodable_utf16_and_unknown_charset_are_warnings():
    broken = decode(b"\xff\xfe" + "Story".encode("utf-16-le") + b"!")
    assert broken == Decoded("Story\ufffd", "utf-16-le", ("1 invalid UTF-16-LE sequence replaced",))
    decoded = decode("<p>café</p>".encode("latin-1"), declared="x" * 10_000)  # as an HTTP header could say
    assert decoded.text == "<p>café</p>"
    (warning,) = decoded.warnings
    assert warning.startswith("declared charset 'xxxx") and warning.endswith("(10,000 characters) is unknown; ignored")
    assert len(warning) < 150


def test_declared_charset_that_does_not_decode_is_reported():
    data = "Привет, мир! Министр заявил о переговорах.".encode("cp1251") + b"\x98"  # 0x98 is undefined in cp1251
    decoded = decode(data, declared="windows-1251")
    assert decoded.warnings[0] == "declared charset 'windows-1251' does not decode the bytes; ignored"
    assert decoded.text.startswith("Привет, мир!")
