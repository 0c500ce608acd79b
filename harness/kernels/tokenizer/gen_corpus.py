"""Data set of the tokenizer kernel: English prose from Debian's documentation packages and a BPE vocabulary trained on it.

Usage: gen_corpus.py OUTPUT SEED size vocab docs
`docs` names the packages the prose comes from (SOURCES below): `python` is Debian's
python3.11-doc alone (the reStructuredText sources of Python's documentation; .ci/run installs
it), `debian` is it and four more documentation packages: linux-doc-6.1 (reStructuredText
sources of the Linux kernel's documentation, its translations/ folder left out as not English),
perl-doc (Perl's manual pages, POD), postgresql-doc-15 (PostgreSQL's manual, HTML) and git-doc
(Git's manual pages, HTML); `apt-get install` them. Every document is cut into paragraphs and only
prose paragraphs are kept (the rule: PROSE RULE below). The paragraphs of all the packages, in
package and file order, are shuffled with random.Random(SEED) so that any prefix mixes every part,
and the first that fit in `size` bytes are written to OUTPUT, one per line (UTF-8, "\n" after each).

PROSE RULE. A paragraph is a block of lines between blank lines (POD, reStructuredText) or the text
of an HTML <p> element; its lines are joined with one space. Left out: reStructuredText literal
blocks (the indented blocks after a paragraph ending in "::") and the bodies of directives that
hold code, tables, math, figures or included files (LITERAL_DIRECTIVES), comments, the directive
lines themselves (a directive's option lines too; the prose in the body of a note or a function's
description is kept), section titles and every block with an adornment or grid-table line (a line
of one repeated punctuation character, or one starting "+-", "+=" or "|"), blocks starting with
">>>", "$ ", "# ", ":" (field lists) or "["; POD command paragraphs ("=head1", "=item"...) and
verbatim (indented) paragraphs, and everything between "=begin" and "=end"; in HTML, the text inside
a <pre> or <table> within a <p>. Of what is left, a paragraph is kept when it has at least 6
words and letters are at least 75% of its non-space characters. Inline markup (``code``,
:func:`name`, C<name>) stays, as it does in the texts a tokenizer meets. A leading list marker
("- ", "* ", "1. ") is dropped and a final "::" becomes ":".

Beside OUTPUT it writes the vocabulary every implementation uses, trained on OUTPUT with the
`tokenizers` package's BpeTrainer (byte-level BPE as GPT-2: the ByteLevel pre-tokenizer and its
256-byte initial alphabet, `vocab` tokens, special token <|endoftext|>): tokenizer.json (the
fast tokenizers' format), vocab.json and merges.txt (the format of GPT-2's slow tokenizer in
transformers), and tokenizer-files.json (size and sha256 of the corpus and of each of these files,
each Debian package's version, seed and parameters). BPE training has no randomness: the same corpus
gives the same merges; the seed decides the corpus (the paragraph order). A missing documentation
folder or fewer paragraphs than `size` bytes is refused with what to do.
CLAIMBENCH_TOKENIZER_DOCS (tests only) replaces /usr/share/doc as the folder the packages' paths
start from: <it>/<package>/<the package's folder below /usr/share/doc or /usr/share>.
"""

import glob
import hashlib
import json
import os
import random
import re
import subprocess
import sys
from html.parser import HTMLParser

SPECIAL = "<|endoftext|>"
# Written beside the corpus; the programs check every file against it before they time anything.
MANIFEST = "tokenizer-files.json"
VOCAB_FILES = ("tokenizer.json", "vocab.json", "merges.txt")

# package: (installed folder, format, file pattern, top-level folders left out)
SOURCES = {
    "python3.11-doc": ("/usr/share/doc/python3.11/html/_sources", "rst", "**/*.rst.txt", ()),
    "linux-doc-6.1": ("/usr/share/doc/linux-doc-6.1/html/_sources", "rst", "**/*.rst.txt", ("translations",)),
    "perl-doc": ("/usr/share/perl/5.36.0/pod", "pod", "*.pod", ()),
    "postgresql-doc-15": ("/usr/share/doc/postgresql-doc-15/html", "html", "*.html", ()),
    "git-doc": ("/usr/share/doc/git-doc", "html", "*.html", ()),
}
DOCS = {"python": ["python3.11-doc"], "debian": list(SOURCES)}

LITERAL_DIRECTIVES = {
    "code-block", "code", "sourcecode", "highlight", "literalinclude", "include", "raw", "parsed-literal",
    "doctest", "testcode", "testoutput", "testsetup", "testcleanup", "productionlist",
    "table", "csv-table", "list-table", "flat-table", "math", "graphviz", "digraph", "image", "figure",
    "toctree", "kernel-doc", "kernel-abi", "kernel-feat", "kernel-include", "kernel-figure", "kernel-render",
}
ADORNMENT = re.compile(r"^([!-/:-@\[-`{-~])\1{2,}$")
DIRECTIVE = re.compile(r"^\.\.\s+([\w:-]+)::")
LIST_MARKER = re.compile(r"^(?:[-*+\u2022]|#\.|\d+[.)]|\(\d+\))\s+")
# Only "\n" separates texts in the corpus file; other line breaks would split differently per language.
BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def fail(msg):
    sys.stderr.write(f"gen_corpus.py: {msg}\n")
    sys.exit(1)


def package_version(package):
    try:
        r = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True, check=False)
        return r.stdout.strip() if r.returncode == 0 else "unknown"
    except OSError:
        return "unknown"


def source_root(package):
    root = SOURCES[package][0]
    base = os.environ.get("CLAIMBENCH_TOKENIZER_DOCS")
    if not base:
        return root
    below = root[len("/usr/share/doc/"):] if root.startswith("/usr/share/doc/") else root[len("/usr/share/"):]
    return os.path.join(base, package, below)


def indent(line):
    expanded = line.expandtabs(8)
    return len(expanded) - len(expanded.lstrip())


def blocks(text):
    """Runs of non-blank lines (trailing spaces removed)."""
    block = []
    for line in text.split("\n") + [""]:
        if line.strip():
            block.append(line.rstrip())
        elif block:
            yield block
            block = []


def prose(lines):
    """The paragraph's text if it is prose by the rule in the module's doc, else None."""
    first = lines[0].strip()
    if first.startswith((">>>", "$ ", "# ", ":", "[")):
        return None
    for line in lines:
        s = line.strip()
        if ADORNMENT.match(s) or s.startswith(("+-", "+=", "|")):
            return None
    text = LIST_MARKER.sub("", " ".join(line.strip() for line in lines))
    if text.endswith("::"):
        text = text[:-1]
    if len(text.split()) < 6:
        return None
    chars = [c for c in text if not c.isspace()]
    if sum(c.isalpha() for c in chars) < 0.75 * len(chars):
        return None
    return text


def rst_paragraphs(text):
    out = []
    skip_deeper = None  # indentation of a directive or "::" paragraph whose indented blocks are left out
    for block in blocks(text):
        level = indent(block[0])
        if skip_deeper is not None:
            if level > skip_deeper:
                continue
            skip_deeper = None
        head = block[0].strip()
        if head.startswith(".."):
            m = DIRECTIVE.match(head)
            if m is None or m.group(1) in LITERAL_DIRECTIVES:  # a comment or target, or code/table/...
                skip_deeper = level
                continue
            block = [line for line in block[1:] if not line.strip().startswith(":")]
            if not block:
                continue
            level = indent(block[0])
        p = prose(block)
        if p:
            out.append(p)
        if block[-1].endswith("::"):
            skip_deeper = level
    return out


def pod_paragraphs(text):
    out = []
    in_begin = False
    for block in blocks(text):
        head = block[0]
        if head.startswith("="):
            command = head.split()[0]
            if command == "=begin":
                in_begin = True
            elif command == "=end":
                in_begin = False
            continue
        if in_begin or head[:1] in (" ", "\t"):
            continue
        p = prose(block)
        if p:
            out.append(p)
    return out


class _Paragraphs(HTMLParser):
    """The text of every <p> element, without what is inside a <pre> or <table> in it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open_p, self.hidden, self.buf, self.texts = 0, 0, [], []

    def handle_starttag(self, tag, attrs):
        if tag == "p":
            self.open_p += 1
            self.buf = []
        elif tag in ("pre", "table") and self.open_p:
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in ("pre", "table") and self.hidden:
            self.hidden -= 1
        elif tag == "p" and self.open_p:
            self.open_p -= 1
            self.texts.append("".join(self.buf))
            self.buf = []

    def handle_data(self, data):
        if self.open_p and not self.hidden:
            self.buf.append(data)


def html_paragraphs(text):
    parser = _Paragraphs()
    parser.feed(text)
    parser.close()
    out = []
    for t in parser.texts:
        t = " ".join(t.split())
        p = prose([t]) if t else None
        if p:
            out.append(p)
    return out


EXTRACT = {"rst": rst_paragraphs, "pod": pod_paragraphs, "html": html_paragraphs}

# The data-loading kernel's generator (../data-loading/gen_data.py) reads every paragraph of Python's
# documentation, prose or not, through these (unchanged since before the prose rule, so that its data
# set stays the same).
DOC_PACKAGE = "python3.11-doc"
DOC_ROOT = SOURCES[DOC_PACKAGE][0]


def doc_package_version():
    return package_version(DOC_PACKAGE)


def paragraphs(root):
    """Every blank-line separated paragraph of the *.rst.txt files under root (lines joined by one space)."""
    files = sorted(glob.glob(os.path.join(root, "**", "*.rst.txt"), recursive=True))
    if not files:
        fail(f"no documentation found under {DOC_ROOT}: install Debian's {DOC_PACKAGE} (apt-get install {DOC_PACKAGE}; .ci/run does it in CI)")
    out = []
    for path in files:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        block = []
        for line in text.split("\n") + [""]:
            line = line.strip()
            if line:
                block.append(line)
            elif block:
                out.append(" ".join(block))
                block = []
    return [p for p in out if not any(c in p for c in BREAKS) and SPECIAL not in p]


def prose_paragraphs(package):
    root, fmt, pattern, left_out = SOURCES[package]
    folder = source_root(package)
    files = sorted(glob.glob(os.path.join(folder, pattern), recursive=True))
    files = [f for f in files if os.path.relpath(f, folder).split(os.sep)[0] not in left_out]
    if not files:
        fail(f"no documentation found under {folder}: install Debian's {package} (apt-get install {package}{'; .ci/run does it in CI' if package == 'python3.11-doc' else ''})")
    out = []
    for path in files:
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError) as e:
            fail(f"{path} ({package}): cannot read it as UTF-8 text ({e})")
        out.extend(EXTRACT[fmt](text))
    return [p for p in out if not any(c in p for c in BREAKS) and SPECIAL not in p]


def train_vocabulary(corpus_path, out_dir, vocab_size):
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        min_frequency=2,
        special_tokens=[SPECIAL],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train([corpus_path], trainer)
    tok.save(os.path.join(out_dir, "tokenizer.json"))
    tok.model.save(out_dir)  # vocab.json and merges.txt


def main(argv):
    if len(argv) != 6:
        sys.exit("usage: gen_corpus.py OUTPUT SEED size vocab docs")
    out, seed, size, vocab, docs = argv[1], int(argv[2]), int(argv[3]), int(argv[4]), argv[5]
    if docs not in DOCS:
        fail(f"docs must be one of {', '.join(DOCS)}, got {docs!r}")
    packages = DOCS[docs]
    versions = {p: package_version(p) for p in packages}
    paras = [p for package in packages for p in prose_paragraphs(package)]
    random.Random(seed).shuffle(paras)
    chosen, total = [], 0
    for p in paras:
        n = len(p.encode("utf-8")) + 1
        if total + n > size:
            break
        chosen.append(p)
        total += n
    available = sum(len(p.encode("utf-8")) + 1 for p in paras)
    named = ", ".join(f"{p} {v}" for p, v in versions.items())
    if available < size:
        fail(f"size={size} bytes is more than the {available} bytes of prose paragraphs in {named}: lower the kernel's size")
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        for p in chosen:
            f.write(p)
            f.write("\n")
    out_dir = os.path.dirname(os.path.abspath(out))
    train_vocabulary(tmp, out_dir, vocab)
    os.replace(tmp, out)
    files = {}
    for name, path in [(os.path.basename(out), out)] + [(n, os.path.join(out_dir, n)) for n in VOCAB_FILES]:
        with open(path, "rb") as f:
            data = f.read()
        files[name] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    manifest = {"packages": versions, "docs": docs, "seed": seed, "size": size, "vocab": vocab, "paragraphs": len(chosen), "available_bytes": available, "files": files}
    with open(os.path.join(out_dir, MANIFEST + ".tmp"), "w") as f:
        json.dump(manifest, f, indent=1)
    os.replace(os.path.join(out_dir, MANIFEST + ".tmp"), os.path.join(out_dir, MANIFEST))
    sys.stderr.write(f"gen_corpus.py: {len(chosen)} paragraphs, {total} bytes of the {available} in {named}; vocabulary of {vocab} tokens\n")


if __name__ == "__main__":
    main(sys.argv)
