namespace Peat.Edge.Sim.Engine
{
    /// <summary>What happened on the air over the whole run.</summary>
    public struct RadioCounters
    {
        /// <summary>Frames put on the air.</summary>
        public long Transmissions;

        /// <summary>Bytes of beacon frames put on the air (each transmission once, whatever the number of receivers).</summary>
        public long BeaconBytes;

        /// <summary>Bytes of all other frames put on the air.</summary>
        public long DataBytes;

        /// <summary>Frames handed to a receiver's Receive.</summary>
        public long Delivered;

        /// <summary>Receptions lost to link loss (distance, extra, asymmetric, fault loss).</summary>
        public long LostChannel;

        /// <summary>Receptions lost because another reception overlapped at the receiver.</summary>
        public long LostCollision;

        /// <summary>Receptions lost because the receiver was transmitting.</summary>
        public long LostHalfDuplex;

        /// <summary>Receptions lost because the receiver died or restarted meanwhile.</summary>
        public long LostReceiverDown;

        /// <summary>Frames a node queued while its radio was busy and that had to wait.</summary>
        public long Deferred;
    }
}
