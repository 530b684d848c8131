using System.Runtime.CompilerServices;
using Peat.Edge.Core.Checks;

namespace Peat.Edge.Core.Wire
{
    /// <summary>
    /// Writes the MessagePack subset the wire format uses (nil, bool, integers in their smallest
    /// encoding, array headers, bin) into a caller's byte range. A write that does not fit returns
    /// false, writes nothing, and marks the writer <see cref="Overflowed"/> (later writes fail too, so a
    /// half-written message is never mistaken for a whole one); it never throws or writes outside the
    /// range. A local struct: using it allocates nothing. The encodings are <see cref="MsgPackEncoding"/>'s.
    /// </summary>
    public struct MsgPackWriter
    {
        private readonly byte[] _buffer;
        private readonly int _start;
        private readonly int _end;
        private int _position;
        private bool _overflowed;

        /// <summary>Writes into buffer[offset .. offset + count).</summary>
        public MsgPackWriter(byte[] buffer, int offset, int count)
        {
            Invariant.Slice(buffer, offset, count);
            _buffer = buffer;
            _start = offset;
            _end = offset + count;
            _position = offset;
            _overflowed = false;
        }

        /// <summary>Bytes written so far.</summary>
        public int BytesWritten => _position - _start;

        /// <summary>True once any write did not fit.</summary>
        public bool Overflowed => _overflowed;

        /// <summary>Writes nil (0xc0).</summary>
        public bool WriteNil()
        {
            if (!Reserve(1))
            {
                return false;
            }

            _position = MsgPackEncoding.PutNil(_buffer, _position);
            return true;
        }

        /// <summary>Writes true or false.</summary>
        public bool WriteBool(bool value)
        {
            if (!Reserve(1))
            {
                return false;
            }

            _buffer[_position++] = value ? MsgPackCode.True : MsgPackCode.False;
            return true;
        }

        /// <summary>Writes an unsigned integer in its smallest encoding.</summary>
        public bool WriteUInt(ulong value)
        {
            if (!Reserve(MsgPackEncoding.SizeOfUInt(value)))
            {
                return false;
            }

            _position = MsgPackEncoding.PutUInt(_buffer, _position, value);
            return true;
        }

        /// <summary>Writes a signed integer in its smallest encoding.</summary>
        public bool WriteInt(long value)
        {
            if (!Reserve(MsgPackEncoding.SizeOfInt(value)))
            {
                return false;
            }

            _position = MsgPackEncoding.PutInt(_buffer, _position, value);
            return true;
        }

        /// <summary>Writes an array header for <paramref name="count"/> elements.</summary>
        public bool WriteArrayHeader(int count)
        {
            Invariant.InRange(count >= 0, "count", "must not be negative");
            if (!Reserve(MsgPackEncoding.SizeOfArrayHeader(count)))
            {
                return false;
            }

            _position = MsgPackEncoding.PutArrayHeader(_buffer, _position, count);
            return true;
        }

        /// <summary>Writes a bin value holding source[offset .. offset + count).</summary>
        public bool WriteBin(byte[] source, int offset, int count)
        {
            Invariant.Slice(source, offset, count);
            if (!Reserve(MsgPackEncoding.SizeOfBinHeader(count) + count))
            {
                return false;
            }

            _position = MsgPackEncoding.PutBinHeader(_buffer, _position, count);
            System.Array.Copy(source, offset, _buffer, _position, count);
            _position += count;
            return true;
        }

        [MethodImpl(Inlining.Aggressive)]
        private bool Reserve(int bytes)
        {
            if (_overflowed || bytes > _end - _position)
            {
                _overflowed = true;
                return false;
            }

            return true;
        }
    }
}
