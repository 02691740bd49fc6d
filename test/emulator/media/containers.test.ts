/**
 * Media files read back with small parsers written here from the specifications (EBML RFC 8794 /
 * Matroska element IDs; ISO/IEC 14496-12 boxes), not with the generator's code.
 */
import { strict as assert } from "assert";
import { mediaFile, type MediaSpec } from "../../../emulator/video/media/containers";

interface Element {
  id: number;
  data: Buffer;
}

/** EBML vint: the count of leading zero bits of the first byte gives the length. */
function readVint(buf: Buffer, at: number, keepMarker: boolean): { value: number; length: number } {
  const first = buf[at];
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
  assert.ok(length <= 8, `bad vint at ${at}`);
  let value = keepMarker ? first : first & (0xff >> length);
  for (let i = 1; i < length; i++) value = value * 256 + buf[at + i];
  return { value, length };
}

function elements(buf: Buffer): Element[] {
  const out: Element[] = [];
  let at = 0;
  while (at < buf.length) {
    const id = readVint(buf, at, true);
    const size = readVint(buf, at + id.length, false);
    const start = at + id.length + size.length;
    assert.ok(start + size.value <= buf.length, "element overruns its parent");
    out.push({ id: id.value, data: buf.subarray(start, start + size.value) });
    at = start + size.value;
  }
  return out;
}

const child = (els: Element[], id: number) => els.find((e) => e.id === id);
const children = (els: Element[], id: number) => els.filter((e) => e.id === id);
const uintOf = (b: Buffer) => b.reduce((v, x) => v * 256 + x, 0);

function readMatroska(file: Buffer) {
  const top = elements(file);
  assert.equal(top.length, 2, "EBML header then one Segment");
  assert.equal(top[0].id, 0x1a45dfa3, "EBML magic 1A 45 DF A3 first");
  const header = elements(top[0].data);
  assert.equal(top[1].id, 0x18538067, "Segment");
  const segment = elements(top[1].data);
  const info = elements(child(segment, 0x1549a966)!.data);
  const tracks = children(elements(child(segment, 0x1654ae6b)!.data), 0xae).map((t) => elements(t.data));
  return {
    docType: child(header, 0x4282)!.data.toString("ascii"),
    ebmlVersion: uintOf(child(header, 0x4286)!.data),
    timecodeScale: uintOf(child(info, 0x2ad7b1)!.data),
    durationMs: child(info, 0x4489)!.data.readDoubleBE(0),
    tracks: tracks.map((t) => ({
      type: uintOf(child(t, 0x83)!.data),
      codecId: child(t, 0x86)!.data.toString("ascii"),
      codecPrivate: child(t, 0x63a2)?.data,
    })),
    clusters: children(segment, 0x1f43b675).length,
  };
}

interface Box {
  type: string;
  data: Buffer;
}
function boxes(buf: Buffer): Box[] {
  const out: Box[] = [];
  for (let at = 0; at < buf.length;) {
    const size = buf.readUInt32BE(at);
    assert.ok(size >= 8 && at + size <= buf.length, `bad box size at ${at}`);
    out.push({ type: buf.toString("latin1", at + 4, at + 8), data: buf.subarray(at + 8, at + size) });
    at += size;
  }
  return out;
}
const box = (list: Box[], type: string) => {
  const found = list.find((b) => b.type === type);
  assert.ok(found, `box ${type} missing (have ${list.map((b) => b.type).join(",")})`);
  return found;
};

function readMp4(file: Buffer) {
  const top = boxes(file);
  assert.equal(top[0].type, "ftyp", "ftyp first");
  const ftyp = top[0].data;
  const moov = boxes(box(top, "moov").data);
  const mvhd = box(moov, "mvhd").data; // version/flags(4) creation(4) modification(4) timescale(4) duration(4)
  const traks = moov
    .filter((b) => b.type === "trak")
    .map((trak) => {
      const mdia = boxes(box(boxes(trak.data), "mdia").data);
      const hdlr = box(mdia, "hdlr").data; // version/flags(4) pre_defined(4) handler_type(4)
      const stbl = boxes(box(boxes(box(mdia, "minf").data), "stbl").data);
      const stsd = box(stbl, "stsd").data; // version/flags(4) entry_count(4) entries
      return { handler: hdlr.toString("latin1", 8, 12), entries: stsd.readUInt32BE(4), sampleEntry: boxes(stsd.subarray(8))[0].type };
    });
  return {
    majorBrand: ftyp.toString("latin1", 0, 4),
    compatible: ftyp.toString("latin1", 8),
    timescale: mvhd.readUInt32BE(12),
    duration: mvhd.readUInt32BE(16),
    traks,
    mdat: box(top, "mdat").data.length,
  };
}

describe("emulator media: container files", () => {
  const spec = (container: MediaSpec["container"], codec: string, durationMs = 61_000): MediaSpec => ({
    container,
    codec,
    durationMs,
    seed: "RT0123",
  });

  it("an Opus recording is a Matroska .mka with one audio track A_OPUS and its duration", () => {
    const m = readMatroska(mediaFile(spec("mka", "OPUS")));
    assert.equal(m.docType, "matroska");
    assert.equal(m.ebmlVersion, 1);
    assert.equal(m.timecodeScale, 1_000_000);
    assert.equal(m.durationMs, 61_000);
    assert.deepEqual(
      m.tracks.map((t) => [t.type, t.codecId]),
      [[2, "A_OPUS"]],
    );
    assert.equal(m.clusters, 1);
  });

  it("a PCMU recording carries A_MS/ACM with a mu-law WAVEFORMATEX (format tag 7, 8 kHz)", () => {
    const [track] = readMatroska(mediaFile(spec("mka", "PCMU"))).tracks;
    assert.equal(track.codecId, "A_MS/ACM");
    assert.equal(track.codecPrivate!.readUInt16LE(0), 7);
    assert.equal(track.codecPrivate!.readUInt32LE(4), 8000);
  });

  it("video recordings are Matroska .mkv with V_VP8 or V_MPEG4/ISO/AVC", () => {
    assert.deepEqual(
      readMatroska(mediaFile(spec("mkv", "VP8"))).tracks.map((t) => [t.type, t.codecId]),
      [[1, "V_VP8"]],
    );
    assert.deepEqual(
      readMatroska(mediaFile(spec("mkv", "H264"))).tracks.map((t) => [t.type, t.codecId]),
      [[1, "V_MPEG4/ISO/AVC"]],
    );
    assert.equal(readMatroska(mediaFile(spec("mkv", "H264"))).docType, "matroska");
  });

  it("a webm composition says DocType webm, with VP8 video and Opus audio", () => {
    const m = readMatroska(mediaFile(spec("webm", "VP8+OPUS")));
    assert.equal(m.docType, "webm");
    assert.deepEqual(
      m.tracks.map((t) => [t.type, t.codecId]),
      [
        [1, "V_VP8"],
        [2, "A_OPUS"],
      ],
    );
  });

  it("an mp4 composition starts with ftyp and has a moov with one trak per codec", () => {
    const file = mediaFile(spec("mp4", "H264+AAC", 125_500));
    assert.equal(file.toString("latin1", 4, 8), "ftyp");
    const m = readMp4(file);
    assert.equal(m.majorBrand, "isom");
    assert.ok(m.compatible.includes("mp41") && m.compatible.includes("avc1"), m.compatible);
    assert.equal(m.timescale, 1000);
    assert.equal(m.duration, 125_500);
    assert.deepEqual(m.traks, [
      { handler: "vide", entries: 1, sampleEntry: "avc1" },
      { handler: "soun", entries: 1, sampleEntry: "mp4a" },
    ]);
    assert.ok(m.mdat > 0);
  });

  it("is deterministic for the same spec, differs by seed, and stays under 4 KiB", () => {
    const a = mediaFile(spec("mkv", "VP8"));
    assert.ok(a.equals(mediaFile(spec("mkv", "VP8"))));
    assert.ok(!a.equals(mediaFile({ ...spec("mkv", "VP8"), seed: "RT0124" })));
    for (const durationMs of [0, 1000, 3_600_000 * 24]) {
      for (const s of [spec("mka", "OPUS", durationMs), spec("mp4", "H264+AAC", durationMs), spec("webm", "VP8+OPUS", durationMs)]) {
        assert.ok(mediaFile(s).length < 4096, `${s.container} ${durationMs}ms is ${mediaFile(s).length} bytes`);
      }
    }
  });

  it("refuses codecs a container cannot carry and unknown codecs", () => {
    assert.throws(() => mediaFile(spec("mka", "VP8")), /codec VP8 cannot be stored in \.mka/);
    assert.throws(() => mediaFile(spec("webm", "H264")), /codec H264 cannot be stored in \.webm/);
    assert.throws(() => mediaFile(spec("mkv", "THEORA")), /unknown codec THEORA/);
  });
});
