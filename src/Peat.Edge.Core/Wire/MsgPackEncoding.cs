using System.Runtime.CompilerServices;

namespace Peat.Edge.Core.Wire
{
    /// <summary>
    /// The MessagePack encodings themselves, as static "put at position, return the new position"
    /// functions with no bounds bookkeeping. <see cref="MsgPackWriter"/> checks room and calls these;
    /// fixed-size messages (a beacon body is at most 32 bytes) check room once and call them directly.
    /// A caller must have room for <c>SizeOf…</c> bytes.
    /// </summary>
    public static class MsgPackEncoding
    {
        /// <summary>Bytes the smallest encoding of an unsigned integer takes.</summary>
        [MethodImpl(Inlining.Aggressive)]
        public static int SizeOfUInt(ulong value)
        {
            return value <= MsgPackCode.PositiveFixIntMax ? 1 : value <= 0xff ? 2 : value <= 0xffff ? 3 : value <= 0xffffffffUL ? 5 : 9;
        }

        /// <summary>Bytes the smallest encoding of a signed integer takes.</summary>
        [MethodImpl(Inlining.Aggressive)]
        public static int SizeOfInt(long value)
        {
            if (value >= 0)
            {
                return SizeOfUInt((ulong)value);
            }

            return value >= -32 ? 1 : value >= -128 ? 2 : value >= -32768 ? 3 : value >= int.MinValue ? 5 : 9;
        }

        /// <summary>Bytes an array header for <paramref name="count"/> elements takes.</summary>
        public static int SizeOfArrayHeader(int count)
        {
            return count <= 15 ? 1 : count <= 0xffff ? 3 : 5;
        }

        /// <summary>Puts nil.</summary>
        [MethodImpl(Inlining.Aggressive)]
        public static int PutNil(byte[] buffer, int position)
        {
            buffer[position] = MsgPackCode.Nil;
            return position + 1;
        }

        /// <summary>Puts an unsigned integer in its smallest encoding.</summary>
        [MethodImpl(Inlining.Aggressive)]
        public static int PutUInt(byte[] buffer, int position, ulong value)
        {
            if (value <= MsgPackCode.PositiveFixIntMax)
            {
                buffer[position] = (byte)value;
                return position + 1;
            }

            return PutWideUInt(buffer, position, value);
        }

        /// <summary>
        /// <see cref="PutInt"/> for a 32-bit value, with a direct path for the 5-byte encodings that E7
        /// coordinates almost always take (any |value| above 65535): the same bytes, no call chain.
        /// </summary>
        [MethodImpl(Inlining.Aggressive)]
        public static int PutInt32(byte[] buffer, int position, int value)
        {
            if (value > 0xffff || value < -32768)
            {
                buffer[position] = value > 0 ? MsgPackCode.UInt32 : MsgPackCode.Int32;
                buffer[position + 1] = (byte)(value >> 24);
                buffer[position + 2] = (byte)(value >> 16);
                buffer[position + 3] = (byte)(value >> 8);
                buffer[position + 4] = (byte)value;
                return position + 5;
            }

            return PutInt(buffer, position, value);
        }

        /// <summary>Puts a signed integer in its smallest encoding (non-negative values as unsigned, as the spec recommends).</summary>
        public static int PutInt(byte[] buffer, int position, long value)
        {
            if (value >= 0)
            {
                return PutUInt(buffer, position, (ulong)value);
            }

            if (value >= -32)
            {
                buffer[position] = unchecked((byte)value);
                return position + 1;
            }

            ulong raw = unchecked((ulong)value);
            if (value >= -128)
            {
                return PutCodeAndBigEndian(buffer, position, MsgPackCode.Int8, raw, 1);
            }

            if (value >= -32768)
            {
                return PutCodeAndBigEndian(buffer, position, MsgPackCode.Int16, raw, 2);
            }

            return value >= int.MinValue
                ? PutCodeAndBigEndian(buffer, position, MsgPackCode.Int32, raw, 4)
                : PutCodeAndBigEndian(buffer, position, MsgPackCode.Int64, raw, 8);
        }

        /// <summary>Puts an array header.</summary>
        [MethodImpl(Inlining.Aggressive)]
        public static int PutArrayHeader(byte[] buffer, int position, int count)
        {
            if (count <= 15)
            {
                buffer[position] = (byte)(MsgPackCode.FixArray | count);
                return position + 1;
            }

            return count <= 0xffff
                ? PutCodeAndBigEndian(buffer, position, MsgPackCode.Array16, (ulong)count, 2)
                : PutCodeAndBigEndian(buffer, position, MsgPackCode.Array32, (ulong)count, 4);
        }

        /// <summary>Bytes a bin header for <paramref name="length"/> bytes takes (bin 8, 16 or 32).</summary>
        public static int SizeOfBinHeader(int length)
        {
            return length <= 0xff ? 2 : length <= 0xffff ? 3 : 5;
        }

        /// <summary>Puts a bin header in its smallest encoding; the caller copies the bytes after it.</summary>
        public static int PutBinHeader(byte[] buffer, int position, int length)
        {
            return length <= 0xff
                ? PutCodeAndBigEndian(buffer, position, MsgPackCode.Bin8, (ulong)length, 1)
                : length <= 0xffff
                    ? PutCodeAndBigEndian(buffer, position, MsgPackCode.Bin16, (ulong)length, 2)
                    : PutCodeAndBigEndian(buffer, position, MsgPackCode.Bin32, (ulong)length, 4);
        }

        /// <summary>Puts a format byte followed by the low <paramref name="valueBytes"/> bytes of value, big-endian.</summary>
        public static int PutCodeAndBigEndian(byte[] buffer, int position, byte code, ulong value, int valueBytes)
        {
            buffer[position] = code;
            switch (valueBytes)
            {
                case 1:
                    buffer[position + 1] = (byte)value;
                    return position + 2;
                case 2:
                    buffer[position + 1] = (byte)(value >> 8);
                    buffer[position + 2] = (byte)value;
                    return position + 3;
                case 4:
                    buffer[position + 1] = (byte)(value >> 24);
                    buffer[position + 2] = (byte)(value >> 16);
                    buffer[position + 3] = (byte)(value >> 8);
                    buffer[position + 4] = (byte)value;
                    return position + 5;
                default:
                    for (int shift = (valueBytes - 1) * 8; shift >= 0; shift -= 8)
                    {
                        buffer[++position] = (byte)(value >> shift);
                    }

                    return position + 1;
            }
        }

        private static int PutWideUInt(byte[] buffer, int position, ulong value)
        {
            if (value <= 0xff)
            {
                return PutCodeAndBigEndian(buffer, position, MsgPackCode.UInt8, value, 1);
            }

            if (value <= 0xffff)
            {
                return PutCodeAndBigEndian(buffer, position, MsgPackCode.UInt16, value, 2);
            }

            return value <= 0xffffffffUL
                ? PutCodeAndBigEndian(buffer, position, MsgPackCode.UInt32, value, 4)
                : PutCodeAndBigEndian(buffer, position, MsgPackCode.UInt64, value, 8);
        }
    }
}
