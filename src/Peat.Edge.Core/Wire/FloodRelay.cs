using Peat.Edge.Core.Checks;

namespace Peat.Edge.Core.Wire
{
    /// <summary>
    /// Controlled flooding of command and status frames (there is no routing yet): a node passes each
    /// frame it has not seen before on once, byte for byte except the hops-left field, which it lowers by
    /// one. The envelope (originator's id and sequence) is kept, so every node suppresses duplicates by
    /// the same key, and fields a later version appended survive old relays. The tag is copied as it
    /// came: once frame security lands, a relay recomputes it because hops left is in the body.
    /// </summary>
    public static class FloodRelay
    {
        /// <summary>
        /// Hops a relayed copy carries when this node received <paramref name="receivedHopsLeft"/>: one less,
        /// and never more than this node's own hop limit allows (so a frame announcing 255 cannot cross the
        /// mesh further than the mesh's limit). 0 means "do not relay".
        /// </summary>
        public static int NextHopsLeft(int receivedHopsLeft, int hopLimit)
        {
            int next = receivedHopsLeft - 1;
            int cap = hopLimit - 1;
            next = next < cap ? next : cap;
            return next > 0 ? next : 0;
        }

        /// <summary>
        /// Writes the relayed copy of frame[offset .. offset + count) into destination[destinationOffset..]:
        /// the bytes before the hops-left field, the new value in its smallest encoding, then the rest
        /// (appended fields and tag). Returns its length, which is never more than <paramref name="count"/>
        /// because the new value is smaller than the old one.
        /// </summary>
        public static int WriteRelayed(byte[] frame, int offset, int count, int hopsLeftOffset, int hopsLeftEnd, int hopsLeft, byte[] destination, int destinationOffset)
        {
            Invariant.Slice(frame, offset, count);
            Invariant.InRange(hopsLeftOffset > offset && hopsLeftOffset < hopsLeftEnd && hopsLeftEnd <= offset + count, "hopsLeftOffset", "must mark a field inside the frame");
            Invariant.InRange(hopsLeft >= 1 && hopsLeft <= 255, "hopsLeft", "must be 1..255");
            Invariant.Slice(destination, destinationOffset, count);
            int before = hopsLeftOffset - offset;
            System.Array.Copy(frame, offset, destination, destinationOffset, before);
            int p = MsgPackEncoding.PutUInt(destination, destinationOffset + before, (ulong)hopsLeft);
            int after = offset + count - hopsLeftEnd;
            Invariant.That(p - destinationOffset - before <= hopsLeftEnd - hopsLeftOffset, "a smaller hop count never takes more bytes");
            System.Array.Copy(frame, hopsLeftEnd, destination, p, after);
            return p + after - destinationOffset;
        }
    }
}
