/**
 * Small, deterministic media files with valid container headers, standing in for Twilio's
 * recordings (Twilio's Room Recording resource reference: `container_format` mka | mkv, `codec` VP8 | H264 | OPUS | PCMU) and
 * compositions (`format` mp4 | webm). The headers are real (an EBML header and Matroska Segment
 * with Info, Tracks and one Cluster; an ISO BMFF `ftyp`, `moov` and `mdat`), so a user's pipeline
 * that sniffs the container or reads the track's codec sees what Twilio's files would show. The
 * frames are not decodable media: a seeded byte pattern stands in for them.
 */
import { createHash } from "crypto";

export type MediaContainer = "mka" | "mkv" | "mp4" | "webm";

export interface MediaSpec {
  container: MediaContainer;
  /** One codec (`OPUS`), or several joined with `+` for a composition (`VP8+OPUS`, `H264+AAC`). */
  codec: string;
  durationMs: number;
  /** Anything that makes files differ (a SID); the same spec always gives the same bytes. */
  seed: string;
}

type Kind = "audio" | "video";
interface CodecInfo {
  kind: Kind;
  matroska: string;
  mp4?: string;
}

/** Codec names as Twilio's API spells them, and their Matroska CodecID / MP4 sample entry. */
const CODECS: Record<string, CodecInfo> = {
  VP8: { kind: "video", matroska: "V_VP8" },
  H264: { kind: "video", matroska: "V_MPEG4/ISO/AVC", mp4: "avc1" },
  OPUS: { kind: "audio", matroska: "A_OPUS", mp4: "Opus" },
  // Matroska has no CodecID of its own for G.711 mu-law: it is carried as A_MS/ACM with a
  // WAVEFORMATEX whose format tag is 7 (WAVE_FORMAT_MULAW), as common muxers write it.
  PCMU: { kind: "audio", matroska: "A_MS/ACM" },
  AAC: { kind: "audio", matroska: "A_AAC", mp4: "mp4a" },
};

/** Which codecs each container may carry (Matroska audio-only .mka, WebM's VP8/Opus, MP4's AVC/AAC). */
const ALLOWED: Record<MediaContainer, string[]> = {
  mka: ["OPUS", "PCMU", "AAC"],
  mkv: ["VP8", "H264", "OPUS", "PCMU", "AAC"],
  webm: ["VP8", "OPUS"],
  mp4: ["H264", "AAC", "OPUS"],
};

export const CONTENT_TYPES: Record<MediaContainer, string> = {
  mka: "audio/x-matroska",
  mkv: "video/x-matroska",
  webm: "video/webm",
  mp4: "video/mp4",
};

const MAX_PAYLOAD = 2048;

export function mediaFile(spec: MediaSpec): Buffer {
  const codecs = spec.codec.split("+").map((c) => c.trim().toUpperCase());
  for (const codec of codecs) {
    if (!CODECS[codec]) throw new Error(`unknown codec ${codec}`);
    if (!ALLOWED[spec.container].includes(codec)) throw new Error(`codec ${codec} cannot be stored in .${spec.container}`);
  }
  if (!Number.isFinite(spec.durationMs) || spec.durationMs < 0) throw new Error("durationMs must be a number >= 0");
  const payload = seededBytes(spec.seed, Math.min(MAX_PAYLOAD, 64 + Math.floor(spec.durationMs / 100)));
  return spec.container === "mp4"
    ? mp4File(codecs, spec.durationMs, payload)
    : matroskaFile(spec.container, codecs, spec.durationMs, payload);
}

function seededBytes(seed: string, length: number): Buffer {
  const out: Buffer[] = [];
  let block = createHash("sha256").update(`twilio-video-emulator:${seed}`).digest();
  for (let size = 0; size < length; size += block.length) {
    out.push(block);
    block = createHash("sha256").update(block).digest();
  }
  return Buffer.concat(out).subarray(0, length);
}

// ---- Matroska / WebM (EBML) ----

/** An EBML element: ID bytes as written in the spec (they carry their own length marker), size as a vint. */
function ebml(id: number, data: Buffer | Buffer[]): Buffer {
  const body = Array.isArray(data) ? Buffer.concat(data) : data;
  return Buffer.concat([idBytes(id), sizeVint(body.length), body]);
}

function idBytes(id: number): Buffer {
  const bytes: number[] = [];
  for (let v = id; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from(bytes);
}

/** The shortest EBML variable-size integer for n (1..8 bytes, marker bit then value). */
function sizeVint(n: number): Buffer {
  for (let length = 1; length <= 8; length++) {
    if (n < 2 ** (7 * length) - 1) {
      const out = Buffer.alloc(length);
      let v = n;
      for (let i = length - 1; i >= 0; i--) {
        out[i] = v & 0xff;
        v = Math.floor(v / 256);
      }
      out[0] |= 0x80 >> (length - 1);
      return out;
    }
  }
  throw new Error("EBML size too large");
}

function uint(id: number, value: number): Buffer {
  const bytes: number[] = [];
  for (let v = value; v > 0 || bytes.length === 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return ebml(id, Buffer.from(bytes));
}

function str(id: number, value: string): Buffer {
  return ebml(id, Buffer.from(value, "ascii"));
}

function float64(id: number, value: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(value);
  return ebml(id, b);
}

const EBML_ID = {
  EBML: 0x1a45dfa3,
  EBMLVersion: 0x4286,
  EBMLReadVersion: 0x42f7,
  EBMLMaxIDLength: 0x42f2,
  EBMLMaxSizeLength: 0x42f3,
  DocType: 0x4282,
  DocTypeVersion: 0x4287,
  DocTypeReadVersion: 0x4285,
  Segment: 0x18538067,
  Info: 0x1549a966,
  TimecodeScale: 0x2ad7b1,
  Duration: 0x4489,
  MuxingApp: 0x4d80,
  WritingApp: 0x5741,
  Tracks: 0x1654ae6b,
  TrackEntry: 0xae,
  TrackNumber: 0xd7,
  TrackUID: 0x73c5,
  TrackType: 0x83,
  CodecID: 0x86,
  CodecPrivate: 0x63a2,
  Audio: 0xe1,
  SamplingFrequency: 0xb5,
  Channels: 0x9f,
  Video: 0xe0,
  PixelWidth: 0xb0,
  PixelHeight: 0xba,
  Cluster: 0x1f43b675,
  Timecode: 0xe7,
  SimpleBlock: 0xa3,
};

/** WAVEFORMATEX for G.711 mu-law, 8 kHz mono (format tag 7). */
function mulawWaveFormat(): Buffer {
  const b = Buffer.alloc(18);
  b.writeUInt16LE(7, 0); // wFormatTag WAVE_FORMAT_MULAW
  b.writeUInt16LE(1, 2); // nChannels
  b.writeUInt32LE(8000, 4); // nSamplesPerSec
  b.writeUInt32LE(8000, 8); // nAvgBytesPerSec
  b.writeUInt16LE(1, 12); // nBlockAlign
  b.writeUInt16LE(8, 14); // wBitsPerSample
  b.writeUInt16LE(0, 16); // cbSize
  return b;
}

function matroskaTrack(codec: string, number: number): Buffer {
  const info = CODECS[codec];
  const children = [
    uint(EBML_ID.TrackNumber, number),
    uint(EBML_ID.TrackUID, number),
    uint(EBML_ID.TrackType, info.kind === "video" ? 1 : 2),
    str(EBML_ID.CodecID, info.matroska),
  ];
  if (codec === "PCMU") children.push(ebml(EBML_ID.CodecPrivate, mulawWaveFormat()));
  if (info.kind === "audio") {
    const rate = codec === "PCMU" ? 8000 : 48000;
    children.push(ebml(EBML_ID.Audio, [float64(EBML_ID.SamplingFrequency, rate), uint(EBML_ID.Channels, codec === "PCMU" ? 1 : 2)]));
  } else {
    children.push(ebml(EBML_ID.Video, [uint(EBML_ID.PixelWidth, 640), uint(EBML_ID.PixelHeight, 480)]));
  }
  return ebml(EBML_ID.TrackEntry, children);
}

function matroskaFile(container: Exclude<MediaContainer, "mp4">, codecs: string[], durationMs: number, payload: Buffer): Buffer {
  const webm = container === "webm";
  const header = ebml(EBML_ID.EBML, [
    uint(EBML_ID.EBMLVersion, 1),
    uint(EBML_ID.EBMLReadVersion, 1),
    uint(EBML_ID.EBMLMaxIDLength, 4),
    uint(EBML_ID.EBMLMaxSizeLength, 8),
    str(EBML_ID.DocType, webm ? "webm" : "matroska"),
    uint(EBML_ID.DocTypeVersion, webm ? 2 : 4),
    uint(EBML_ID.DocTypeReadVersion, 2),
  ]);
  const info = ebml(EBML_ID.Info, [
    uint(EBML_ID.TimecodeScale, 1_000_000), // 1 ms ticks, so Duration is in milliseconds
    float64(EBML_ID.Duration, durationMs),
    str(EBML_ID.MuxingApp, "twilio-video-emulator"),
    str(EBML_ID.WritingApp, "twilio-video-emulator"),
  ]);
  const tracks = ebml(
    EBML_ID.Tracks,
    codecs.map((codec, i) => matroskaTrack(codec, i + 1)),
  );
  // SimpleBlock: track number vint (0x81 = track 1), 16-bit relative timecode, flags (keyframe).
  const block = Buffer.concat([Buffer.from([0x81, 0x00, 0x00, 0x80]), payload]);
  const cluster = ebml(EBML_ID.Cluster, [uint(EBML_ID.Timecode, 0), ebml(EBML_ID.SimpleBlock, block)]);
  return Buffer.concat([header, ebml(EBML_ID.Segment, [info, tracks, cluster])]);
}

// ---- MP4 (ISO BMFF) ----

function box(type: string, ...children: Buffer[]): Buffer {
  const body = Buffer.concat(children);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length, 0);
  head.write(type, 4, "latin1");
  return Buffer.concat([head, body]);
}

function fullBox(type: string, version: number, flags: number, ...children: Buffer[]): Buffer {
  const vf = Buffer.alloc(4);
  vf.writeUInt32BE(((version & 0xff) << 24) | (flags & 0xffffff), 0);
  return box(type, vf, ...children);
}

function u32(...values: number[]): Buffer {
  const b = Buffer.alloc(4 * values.length);
  values.forEach((v, i) => b.writeUInt32BE(v >>> 0, 4 * i));
  return b;
}

const MATRIX = u32(0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000);

function mp4Track(codec: string, trackId: number, durationMs: number): Buffer {
  const info = CODECS[codec];
  const video = info.kind === "video";
  const tkhd = fullBox(
    "tkhd",
    0,
    3,
    u32(0, 0, trackId, 0, durationMs, 0, 0), // times, track id, reserved, duration, reserved x2
    Buffer.from([0, 0, 0, 0, video ? 0 : 1, 0, 0, 0]), // layer, alternate group, volume, reserved
    MATRIX,
    u32(video ? 640 << 16 : 0, video ? 480 << 16 : 0),
  );
  const mdhd = fullBox("mdhd", 0, 0, u32(0, 0, 1000, durationMs), Buffer.from([0x55, 0xc4, 0, 0])); // language "und"
  const hdlr = fullBox(
    "hdlr",
    0,
    0,
    u32(0),
    Buffer.from(video ? "vide" : "soun", "latin1"),
    u32(0, 0, 0),
    Buffer.from(video ? "VideoHandler\0" : "SoundHandler\0", "latin1"),
  );
  // A minimal sample entry: reserved(6) + data_reference_index(2), then the codec-specific fields zeroed.
  const entry = box(info.mp4 as string, Buffer.from([0, 0, 0, 0, 0, 0, 0, 1]), Buffer.alloc(video ? 70 : 20));
  const stbl = box(
    "stbl",
    fullBox("stsd", 0, 0, u32(1), entry),
    fullBox("stts", 0, 0, u32(0)),
    fullBox("stsc", 0, 0, u32(0)),
    fullBox("stsz", 0, 0, u32(0, 0)),
    fullBox("stco", 0, 0, u32(0)),
  );
  const mediaHeader = video ? fullBox("vmhd", 0, 1, Buffer.alloc(8)) : fullBox("smhd", 0, 0, Buffer.alloc(4));
  const dinf = box("dinf", fullBox("dref", 0, 0, u32(1), fullBox("url ", 0, 1)));
  return box("trak", tkhd, box("mdia", mdhd, hdlr, box("minf", mediaHeader, dinf, stbl)));
}

function mp4File(codecs: string[], durationMs: number, payload: Buffer): Buffer {
  const ftyp = box("ftyp", Buffer.from("isom", "latin1"), u32(0x200), Buffer.from("isomiso2avc1mp41", "latin1"));
  const mvhd = fullBox(
    "mvhd",
    0,
    0,
    u32(0, 0, 1000, durationMs), // creation, modification, timescale (ms), duration
    u32(0x00010000),
    Buffer.from([0x01, 0x00, 0, 0]),
    u32(0, 0), // rate 1.0, volume 1.0, reserved
    MATRIX,
    Buffer.alloc(24),
    u32(codecs.length + 1), // pre_defined, next_track_ID
  );
  const moov = box("moov", mvhd, ...codecs.map((codec, i) => mp4Track(codec, i + 1, durationMs)));
  return Buffer.concat([ftyp, moov, box("mdat", payload)]);
}
