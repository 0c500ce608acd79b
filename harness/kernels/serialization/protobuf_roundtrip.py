"""The Protobuf round trip shared by python-protobuf (upb) and python-protobuf-pure (pure Python),
and the message classes, built at run time from records.proto.

One sample: Batch.SerializeToString() of the whole batch, then Batch.FromString() of those bytes.
The backend is chosen by the calling program before google.protobuf is imported and checked here
with api_implementation.Type() before anything is timed. google.protobuf is imported only after
check_versions() has compared the installed protobuf with requirements.lock.

There is no protoc at build or run time: records.proto (beside this file) uses only proto3 messages
with scalar, string, repeated and message fields; file_descriptor() turns it into a
FileDescriptorProto with a parser for exactly that subset, adds it to a descriptor pool and asks
protobuf for the message classes. Whichever backend runs builds the classes from the same
descriptor, so both describe records.proto exactly, as rust/src/lib.rs does
(test/unit/serialization-kernel.test.ts compares the .proto with the Rust structs).
"""

import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import PARAMS, check_count, check_versions, digest_objects, read_dataset  # noqa: E402
from claimbench_protocol import emit, parse_args, time_samples  # noqa: E402

PROTO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "records.proto")
SCALARS = ("string", "int32", "int64", "uint64", "double", "bool")
MESSAGE_RE = re.compile(r"message\s+(\w+)\s*\{([^{}]*)\}")
FIELD_RE = re.compile(r"^(repeated\s+)?(\w+)\s+(\w+)\s*=\s*(\d+)\s*;$")


def file_descriptor(text):
    """records.proto's text -> FileDescriptorProto (raises ValueError on anything outside the subset)."""
    from google.protobuf import descriptor_pb2

    F = descriptor_pb2.FieldDescriptorProto
    text = re.sub(r"//[^\n]*", "", text)
    package = re.search(r"^\s*package\s+([\w.]+)\s*;", text, re.M)
    if not re.search(r'^\s*syntax\s*=\s*"proto3"\s*;', text, re.M) or not package:
        raise ValueError(f"{PROTO}: expected syntax = \"proto3\" and a package")
    fdp = descriptor_pb2.FileDescriptorProto(name="records.proto", package=package.group(1), syntax="proto3")
    for name, body in MESSAGE_RE.findall(text):
        msg = fdp.message_type.add(name=name)
        for line in filter(None, (s.strip() for s in body.split("\n"))):
            m = FIELD_RE.match(line)
            if not m:
                raise ValueError(f"{PROTO}: message {name}: cannot read the field line {line!r}")
            repeated, ftype, fname, number = m.groups()
            field = msg.field.add(name=fname, number=int(number), label=F.LABEL_REPEATED if repeated else F.LABEL_OPTIONAL)
            if ftype in SCALARS:
                field.type = getattr(F, f"TYPE_{ftype.upper()}")
            else:
                field.type, field.type_name = F.TYPE_MESSAGE, f".{fdp.package}.{ftype}"
    return fdp


def message_classes():
    """{message name: class} for records.proto."""
    from google.protobuf import descriptor_pool, message_factory

    with open(PROTO, encoding="utf-8") as f:
        fdp = file_descriptor(f.read())
    pool = descriptor_pool.DescriptorPool()
    pool.AddSerializedFile(fdp.SerializeToString())
    return {m.name: message_factory.GetMessageClass(pool.FindMessageTypeByName(f"{fdp.package}.{m.name}")) for m in fdp.message_type}


def fill_batch(batch, records):
    """Copies the data set's records (dicts) into a Batch message."""
    for r in records:
        m = batch.records.add()
        m.id, m.user, m.created_ms, m.score, m.active = r["id"], r["user"], r["created_ms"], r["score"], r["active"]
        m.tags.extend(r["tags"])
        m.embedding.extend(r["embedding"])
        m.meta.source, m.meta.version, m.meta.region = r["meta"]["source"], r["meta"]["version"], r["meta"]["region"]
    return batch


def run(impl, backend):
    args = parse_args(impl, PARAMS)
    check_versions(impl)  # before any import of google.protobuf: a missing or other protobuf is reported against the lock
    from google.protobuf.internal import api_implementation

    if api_implementation.Type() != backend:
        sys.exit(f"{impl}: protobuf runs its {api_implementation.Type()!r} backend, expected {backend!r}")
    n = args.params["records"]
    records = json.loads(read_dataset(impl, n))
    check_count(impl, len(records), n)
    batch_cls = message_classes()["Batch"]
    batch = fill_batch(batch_cls(), records)
    out = [None]

    def work():
        out[0] = batch_cls.FromString(batch.SerializeToString())

    samples = time_samples(args, work)
    emit(args, checksum=digest_objects(out[0].records), samples_ns=samples, threads=1, work={"records": n})
