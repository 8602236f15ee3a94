package sealed

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"

	"golang.org/x/crypto/chacha20poly1305"
)

// In format version 2 the sealed base (header and body, as in version 1) is
// followed by change records, one per committed write, each sealed under the
// log key and chained to the one before it. docs/sealed-format.md describes
// them for people.
const (
	recordMagic = "KRec"
	// RecordQuantum: every record is a whole number of these, so that a
	// record's size says nothing finer about what it holds.
	RecordQuantum  = 16 << 10
	recordHeadSize = 20 // magic (4), frame length (4), sequence (8), CRC-32C (4)
	recordNonceAt  = recordHeadSize
	recordBodyAt   = recordNonceAt + chacha20poly1305.NonceSizeX
	recordOverhead = recordBodyAt + 4 + tagSize // the payload length is sealed too
	MaxRecordSize  = 1 << 30
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Log is where a sealed file's log stands: what the next record must
// follow.
type Log struct {
	baseNonce []byte   // the base's body nonce: binds every record to its base
	start     int64    // offset of the first record (the end of the base)
	end       int64    // offset after the last good record
	seq       uint64   // the last good record's sequence number (0: none)
	prevTag   [16]byte // the last good record's tag, or the base body's
}

func NewLog(h *Header, file []byte) Log {
	start := h.BaseEnd()
	l := Log{baseNonce: append([]byte{}, h[offBodyNonce:offImageLen]...), start: start, end: start}
	copy(l.prevTag[:], file[start-tagSize:start])
	return l
}

func (l *Log) HasRecords() bool { return l.end > l.start }

func recordAD(baseNonce, head []byte, prevTag [16]byte) []byte {
	ad := make([]byte, 0, 32+len(baseNonce)+16+16)
	ad = append(ad, "kindred sealed v2 change record"...)
	ad = append(ad, baseNonce...)
	ad = append(ad, head[:16]...)
	return append(ad, prevTag[:]...)
}

// SealRecord makes the next record of l holding payload, padded to a whole
// number of quanta with zeros (inside the encryption).
func SealRecord(keys *Keys, l *Log, payload []byte) []byte {
	size := (len(payload) + recordOverhead + RecordQuantum - 1) / RecordQuantum * RecordQuantum
	frame := make([]byte, recordBodyAt, size)
	copy(frame, recordMagic)
	binary.BigEndian.PutUint32(frame[4:], uint32(size))
	binary.BigEndian.PutUint64(frame[8:], l.seq+1)
	binary.BigEndian.PutUint32(frame[16:], crc32.Checksum(frame[:16], castagnoli))
	nonce := frame[recordNonceAt:recordBodyAt]
	copy(nonce, randomBytes(len(nonce)))
	plain := make([]byte, size-recordBodyAt-tagSize)
	binary.BigEndian.PutUint32(plain, uint32(len(payload)))
	copy(plain[4:], payload)
	aead, err := chacha20poly1305.NewX(keys.log)
	if err != nil {
		panic(err)
	}
	frame = aead.Seal(frame, nonce, plain, recordAD(l.baseNonce, frame, l.prevTag))
	Wipe(plain)
	return frame
}

// advance moves l past frame, just written after its last record.
func (l *Log) Advance(frame []byte) {
	l.end += int64(len(frame))
	l.seq++
	copy(l.prevTag[:], frame[len(frame)-tagSize:])
}

// recordHead reports whether b starts with a well-formed record head, and
// the frame length it gives.
func recordHead(b []byte) (size int64, ok bool) {
	if len(b) < recordHeadSize || string(b[:4]) != recordMagic {
		return 0, false
	}
	if crc32.Checksum(b[:16], castagnoli) != binary.BigEndian.Uint32(b[16:]) {
		return 0, false
	}
	size = int64(binary.BigEndian.Uint32(b[4:]))
	if size < RecordQuantum || size%RecordQuantum != 0 || size > MaxRecordSize {
		return 0, false
	}
	return size, true
}

// ReadLog opens every record after the base of file and returns their
// payloads, in order. A record that fails and is the last thing in the file
// is what a save cut short by a crash or power loss leaves: it is dropped,
// and torn says so. Anything else that fails is damage.
func ReadLog(path string, keys *Keys, h *Header, file []byte) (l Log, payloads [][]byte, torn string, err error) {
	l = NewLog(h, file)
	aead, err := chacha20poly1305.NewX(keys.log)
	if err != nil {
		panic(err)
	}
	for l.end < int64(len(file)) {
		rest := file[l.end:]
		n := l.seq + 1
		size, ok := recordHead(rest)
		if ok && size <= int64(len(rest)) {
			if seq := binary.BigEndian.Uint64(rest[8:]); seq != n {
				return l, nil, "", Damagedf(path, "its change records are out of order or one is missing (record %d where %d should be)", seq, n)
			}
			frame := rest[:size]
			plain, err := aead.Open(nil, frame[recordNonceAt:recordBodyAt], frame[recordBodyAt:], recordAD(l.baseNonce, frame, l.prevTag))
			if err == nil {
				k := binary.BigEndian.Uint32(plain)
				if int64(k) > int64(len(plain))-4 {
					return l, nil, "", Damagedf(path, "change record %d is malformed", n)
				}
				payloads = append(payloads, plain[4:4+k])
				l.Advance(frame)
				continue
			}
			if size < int64(len(rest)) {
				return l, nil, "", Damagedf(path, "change record %d does not match its seal (it was altered, or records were removed or reordered before it)", n)
			}
		}
		// The failing record may be the last write, cut short. If another
		// record head follows it, it is not: records were lost in the middle.
		for off := int64(RecordQuantum); off+recordHeadSize <= int64(len(rest)); off += RecordQuantum {
			if _, ok := recordHead(rest[off:]); ok {
				return l, nil, "", Damagedf(path, "change record %d is damaged", n)
			}
		}
		unit := "bytes"
		if len(rest) == 1 {
			unit = "byte"
		}
		torn = fmt.Sprintf("The last change in %s (%d %s at its end) was cut short, most likely by a crash or power loss during a save that was never confirmed; it was left out. Everything saved before it is here.", path, len(rest), unit)
		return l, payloads, torn, nil
	}
	return l, payloads, "", nil
}

// Start is the offset of the log's first record: the end of the base.
func (l *Log) Start() int64 { return l.start }

// End is the offset after the last good record, where the next one goes.
func (l *Log) End() int64 { return l.end }

// Records is how many good records the log holds.
func (l *Log) Records() uint64 { return l.seq }
