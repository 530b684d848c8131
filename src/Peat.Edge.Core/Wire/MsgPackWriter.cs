using Peat.Edge.Core.Checks;

namespace Peat.Edge.Core.Wire
{
    /// <summary>
    /// Writes the MessagePack subset the wire format uses (nil, bool, integers in their smallest
    /// encoding, array headers, bin) into a caller's byte range. A write that does not fit returns
    /// false, writes nothing, and marks the writer <see cref="Overflowed"/>; it never throws or writes
    /// outside the range. A local struct: using it allocates nothing.
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

            _buffer[_position++] = MsgPackCode.Nil;
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
            if (value <= MsgPackCode.PositiveFixIntMax)
            {
                return WriteByte((byte)value);
            }

            if (value <= 0xff)
            {
                return WriteCodeAndBigEndian(MsgPackCode.UInt8, value, 1);
            }

            if (value <= 0xffff)
            {
                return WriteCodeAndBigEndian(MsgPackCode.UInt16, value, 2);
            }

            if (value <= 0xffffffffUL)
            {
                return WriteCodeAndBigEndian(MsgPackCode.UInt32, value, 4);
            }

            return WriteCodeAndBigEndian(MsgPackCode.UInt64, value, 8);
        }

        /// <summary>Writes a signed integer in its smallest encoding (non-negative values as unsigned, as the spec recommends).</summary>
        public bool WriteInt(long value)
        {
            if (value >= 0)
            {
                return WriteUInt((ulong)value);
            }

            if (value >= -32)
            {
                return WriteByte(unchecked((byte)value));
            }

            if (value >= -128)
            {
                return WriteCodeAndBigEndian(MsgPackCode.Int8, unchecked((ulong)value), 1);
            }

            if (value >= -32768)
            {
                return WriteCodeAndBigEndian(MsgPackCode.Int16, unchecked((ulong)value), 2);
            }

            if (value >= int.MinValue)
            {
                return WriteCodeAndBigEndian(MsgPackCode.Int32, unchecked((ulong)value), 4);
            }

            return WriteCodeAndBigEndian(MsgPackCode.Int64, unchecked((ulong)value), 8);
        }

        /// <summary>Writes an array header for <paramref name="count"/> elements.</summary>
        public bool WriteArrayHeader(int count)
        {
            Invariant.InRange(count >= 0, "count", "must not be negative");
            if (count <= 15)
            {
                return WriteByte((byte)(MsgPackCode.FixArray | count));
            }

            if (count <= 0xffff)
            {
                return WriteCodeAndBigEndian(MsgPackCode.Array16, (ulong)count, 2);
            }

            return WriteCodeAndBigEndian(MsgPackCode.Array32, (ulong)count, 4);
        }

        /// <summary>Writes a bin value holding source[offset .. offset + count).</summary>
        public bool WriteBin(byte[] source, int offset, int count)
        {
            Invariant.Slice(source, offset, count);
            int headerBytes = count <= 0xff ? 2 : count <= 0xffff ? 3 : 5;
            if (!Reserve(headerBytes + count))
            {
                return false;
            }

            if (headerBytes == 2)
            {
                PutCodeAndBigEndian(MsgPackCode.Bin8, (ulong)count, 1);
            }
            else if (headerBytes == 3)
            {
                PutCodeAndBigEndian(MsgPackCode.Bin16, (ulong)count, 2);
            }
            else
            {
                PutCodeAndBigEndian(MsgPackCode.Bin32, (ulong)count, 4);
            }

            System.Array.Copy(source, offset, _buffer, _position, count);
            _position += count;
            return true;
        }

        /// <summary>Bytes the smallest encoding of an unsigned integer takes.</summary>
        public static int SizeOfUInt(ulong value)
        {
            return value <= MsgPackCode.PositiveFixIntMax ? 1 : value <= 0xff ? 2 : value <= 0xffff ? 3 : value <= 0xffffffffUL ? 5 : 9;
        }

        /// <summary>Bytes the smallest encoding of a signed integer takes.</summary>
        public static int SizeOfInt(long value)
        {
            if (value >= 0)
            {
                return SizeOfUInt((ulong)value);
            }

            return value >= -32 ? 1 : value >= -128 ? 2 : value >= -32768 ? 3 : value >= int.MinValue ? 5 : 9;
        }

        private bool WriteByte(byte value)
        {
            if (!Reserve(1))
            {
                return false;
            }

            _buffer[_position++] = value;
            return true;
        }

        private bool WriteCodeAndBigEndian(byte code, ulong value, int valueBytes)
        {
            if (!Reserve(1 + valueBytes))
            {
                return false;
            }

            PutCodeAndBigEndian(code, value, valueBytes);
            return true;
        }

        private void PutCodeAndBigEndian(byte code, ulong value, int valueBytes)
        {
            _buffer[_position++] = code;
            for (int shift = (valueBytes - 1) * 8; shift >= 0; shift -= 8)
            {
                _buffer[_position++] = (byte)(value >> shift);
            }
        }

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
