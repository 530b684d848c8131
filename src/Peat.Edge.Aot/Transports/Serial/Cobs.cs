namespace Peat.Edge.Aot.Transports.Serial
{
    /// <summary>
    /// Consistent Overhead Byte Stuffing: the encoded bytes contain no zero, so 0x00 can delimit frames
    /// and a receiver resynchronises at the next zero whatever came before. Overhead: one byte per 254.
    /// </summary>
    public static class Cobs
    {
        /// <summary>Largest encoding of <paramref name="count"/> bytes (without delimiters).</summary>
        public static int EncodedBytesMax(int count) => count + (count / 254) + 1;

        /// <summary>Encodes source[offset..offset+count) into destination at destinationOffset; returns the length written.</summary>
        public static int Encode(byte[] source, int offset, int count, byte[] destination, int destinationOffset)
        {
            int codeAt = destinationOffset;
            int write = destinationOffset + 1;
            byte code = 1;
            for (int i = offset; i < offset + count; i++)
            {
                if (source[i] == 0)
                {
                    destination[codeAt] = code;
                    codeAt = write++;
                    code = 1;
                    continue;
                }

                destination[write++] = source[i];
                code++;
                if (code == 0xFF)
                {
                    destination[codeAt] = code;
                    codeAt = write++;
                    code = 1;
                }
            }

            destination[codeAt] = code;
            return write - destinationOffset;
        }

        /// <summary>
        /// Decodes source[offset..offset+count) (no delimiters) into destination; returns the decoded length,
        /// or -1 when the input is not valid COBS (a zero inside, a code running past the end) or does not fit.
        /// </summary>
        public static int Decode(byte[] source, int offset, int count, byte[] destination, int destinationOffset, int destinationCount)
        {
            int read = offset;
            int end = offset + count;
            int write = destinationOffset;
            int writeEnd = destinationOffset + destinationCount;
            while (read < end)
            {
                int code = source[read++];
                if (code == 0 || read + code - 1 > end)
                {
                    return -1;
                }

                for (int i = 1; i < code; i++)
                {
                    byte b = source[read++];
                    if (b == 0 || write >= writeEnd)
                    {
                        return -1;
                    }

                    destination[write++] = b;
                }

                if (code != 0xFF && read < end)
                {
                    if (write >= writeEnd)
                    {
                        return -1;
                    }

                    destination[write++] = 0;
                }
            }

            return write - destinationOffset;
        }
    }
}
