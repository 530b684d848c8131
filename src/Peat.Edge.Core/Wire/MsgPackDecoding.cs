using System.Runtime.CompilerServices;

namespace Peat.Edge.Core.Wire
{
    /// <summary>
    /// The MessagePack decodings themselves, as static "get at position, return the new position (or
    /// -1)" functions over buffer[.. end). They never throw or read at or past <c>end</c>; a failed get
    /// leaves its out value 0. <see cref="MsgPackReader"/> is built on these; fixed-shape messages such
    /// as the beacon call them directly with a local position, which the JIT keeps in a register.
    /// </summary>
    public static class MsgPackDecoding
    {
        /// <summary>Gets nil.</summary>
        [MethodImpl(Inlining.Aggressive)]
        public static int GetNil(byte[] buffer, int position, int end)
        {
            return position < end && buffer[position] == MsgPackCode.Nil ? position + 1 : -1;
        }

        /// <summary>Gets an array header.</summary>
        [MethodImpl(Inlining.Aggressive)]
        public static int GetArrayHeader(byte[] buffer, int position, int end, out int count)
        {
            count = 0;
            if (position >= end)
            {
                return -1;
            }

            byte code = buffer[position];
            if (code >= MsgPackCode.FixArray && code <= MsgPackCode.FixArrayMax)
            {
                count = code & 0x0f;
                return position + 1;
            }

            int sizeBytes = code == MsgPackCode.Array16 ? 2 : code == MsgPackCode.Array32 ? 4 : 0;
            if (sizeBytes == 0 || !TryGetBigEndian(buffer, position + 1, end, sizeBytes, out ulong wide) || wide > int.MaxValue)
            {
                return -1;
            }

            count = (int)wide;
            return position + 1 + sizeBytes;
        }

        /// <summary>Gets an integer (any encoding) no larger than max and not negative.</summary>
        [MethodImpl(Inlining.Aggressive)]
        public static int GetUInt32(byte[] buffer, int position, int end, uint max, out uint value)
        {
            if (position < end && buffer[position] <= MsgPackCode.PositiveFixIntMax)
            {
                value = buffer[position];
                if (value <= max)
                {
                    return position + 1;
                }

                value = 0;
                return -1;
            }

            return GetWideUInt32(buffer, position, end, max, out value);
        }

        // GetUInt32 past a positive fixint. The unsigned 8-, 16- and 32-bit forms a standard writer uses for a
        // non-negative value (partition, rank, parent id) are read directly; only the rest needs the
        // general decoder. Kept out of the inlined fixint case, so its callers do not each get a copy. The bytes
        // are read here rather than through TryGetBigEndian: that call made a 100-node simulator run 7-14%
        // slower in interleaved runs (scripts/sim-speed.sh), every beacon having three or four such fields.
        private static int GetWideUInt32(byte[] buffer, int position, int end, uint max, out uint value)
        {
            if (position < end)
            {
                byte code = buffer[position];
                int size = code == MsgPackCode.UInt8 ? 1 : code == MsgPackCode.UInt16 ? 2 : code == MsgPackCode.UInt32 ? 4 : 0;
                if (size != 0 && size < end - position)
                {
                    uint raw = buffer[position + 1];
                    for (int i = 2; i <= size; i++)
                    {
                        raw = (raw << 8) | buffer[position + i];
                    }

                    value = raw <= max ? raw : 0;
                    return raw <= max ? position + 1 + size : -1;
                }
            }

            int next = GetInteger(buffer, position, end, out long signedValue, out ulong unsignedValue, out bool isUnsigned);
            ulong wide = isUnsigned ? unsignedValue : signedValue < 0 ? ulong.MaxValue : (ulong)signedValue;
            if (next < 0 || wide > max)
            {
                value = 0;
                return -1;
            }

            value = (uint)wide;
            return next;
        }

        /// <summary>Gets a non-negative integer of any encoding, up to 2^64 - 1.</summary>
        public static int GetUInt64(byte[] buffer, int position, int end, out ulong value)
        {
            int next = GetInteger(buffer, position, end, out long signedValue, out ulong unsignedValue, out bool isUnsigned);
            if (next < 0 || (!isUnsigned && signedValue < 0))
            {
                value = 0;
                return -1;
            }

            value = isUnsigned ? unsignedValue : (ulong)signedValue;
            return next;
        }

        /// <summary>Gets an integer (any encoding) within [min, max].</summary>
        [MethodImpl(Inlining.Aggressive)]
        public static int GetInt32(byte[] buffer, int position, int end, int min, int max, out int value)
        {
            // Coordinates are almost always int32 or uint32: decode those without the general switch.
            if (position + 5 <= end && (buffer[position] == MsgPackCode.Int32 || buffer[position] == MsgPackCode.UInt32))
            {
                uint raw = ((uint)buffer[position + 1] << 24) | ((uint)buffer[position + 2] << 16) | ((uint)buffer[position + 3] << 8) | buffer[position + 4];
                long wide = buffer[position] == MsgPackCode.Int32 ? (int)raw : (long)raw;
                if (wide < min || wide > max)
                {
                    value = 0;
                    return -1;
                }

                value = (int)wide;
                return position + 5;
            }

            int next = GetInteger(buffer, position, end, out long signedValue, out ulong unsignedValue, out bool isUnsigned);
            bool inRange = isUnsigned ? unsignedValue <= (ulong)(long)max && (long)unsignedValue >= min : signedValue >= min && signedValue <= max;
            if (next < 0 || !inRange)
            {
                value = 0;
                return -1;
            }

            value = isUnsigned ? (int)unsignedValue : (int)signedValue;
            return next;
        }

        /// <summary>
        /// Gets an integer of any encoding. Unsigned encodings and positive fixints come back in
        /// <paramref name="unsignedValue"/> (isUnsigned true), signed ones in <paramref name="signedValue"/>.
        /// </summary>
        public static int GetInteger(byte[] buffer, int position, int end, out long signedValue, out ulong unsignedValue, out bool isUnsigned)
        {
            signedValue = 0;
            unsignedValue = 0;
            isUnsigned = true;
            if (position >= end)
            {
                return -1;
            }

            byte code = buffer[position];
            if (code <= MsgPackCode.PositiveFixIntMax)
            {
                unsignedValue = code;
                return position + 1;
            }

            if (code >= MsgPackCode.NegativeFixIntMin)
            {
                signedValue = (sbyte)code;
                isUnsigned = false;
                return position + 1;
            }

            int valueBytes;
            switch (code)
            {
                case MsgPackCode.UInt8: valueBytes = 1; break;
                case MsgPackCode.UInt16: valueBytes = 2; break;
                case MsgPackCode.UInt32: valueBytes = 4; break;
                case MsgPackCode.UInt64: valueBytes = 8; break;
                case MsgPackCode.Int8: valueBytes = 1; isUnsigned = false; break;
                case MsgPackCode.Int16: valueBytes = 2; isUnsigned = false; break;
                case MsgPackCode.Int32: valueBytes = 4; isUnsigned = false; break;
                case MsgPackCode.Int64: valueBytes = 8; isUnsigned = false; break;
                default: return -1;
            }

            if (!TryGetBigEndian(buffer, position + 1, end, valueBytes, out ulong raw))
            {
                isUnsigned = true;
                return -1;
            }

            if (isUnsigned)
            {
                unsignedValue = raw;
            }
            else
            {
                // Sign-extend from the encoded width.
                int unusedBits = 64 - (valueBytes * 8);
                signedValue = ((long)(raw << unusedBits)) >> unusedBits;
            }

            return position + 1 + valueBytes;
        }

        /// <summary>Gets a bin header (bin 8/16/32) whose bytes, no more than max, lie before end; length is their count.</summary>
        public static int GetBinHeader(byte[] buffer, int position, int end, int max, out int length)
        {
            length = 0;
            if (position < 0 || position >= end)
            {
                return -1;
            }

            byte code = buffer[position];
            int sizeBytes = code == MsgPackCode.Bin8 ? 1 : code == MsgPackCode.Bin16 ? 2 : code == MsgPackCode.Bin32 ? 4 : 0;
            if (sizeBytes == 0 || !TryGetBigEndian(buffer, position + 1, end, sizeBytes, out ulong wide) || wide > (ulong)max)
            {
                return -1;
            }

            int start = position + 1 + sizeBytes;
            if ((int)wide > end - start)
            {
                return -1;
            }

            length = (int)wide;
            return start;
        }

        /// <summary>Reads <paramref name="bytes"/> big-endian bytes at index if they lie before end.</summary>
        public static bool TryGetBigEndian(byte[] buffer, int index, int end, int bytes, out ulong value)
        {
            if (index < 0 || bytes > end - index)
            {
                value = 0;
                return false;
            }

            switch (bytes)
            {
                case 1:
                    value = buffer[index];
                    return true;
                case 2:
                    value = (uint)((buffer[index] << 8) | buffer[index + 1]);
                    return true;
                case 4:
                    value = ((uint)buffer[index] << 24) | ((uint)buffer[index + 1] << 16) | ((uint)buffer[index + 2] << 8) | buffer[index + 3];
                    return true;
                default:
                    value = 0;
                    for (int i = 0; i < bytes; i++)
                    {
                        value = (value << 8) | buffer[index + i];
                    }

                    return true;
            }
        }
    }
}
