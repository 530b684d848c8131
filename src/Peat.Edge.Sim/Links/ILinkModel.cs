using Peat.Edge.Sim.Engine;

namespace Peat.Edge.Sim.Links
{
    /// <summary>
    /// A radio link profile: how long a frame occupies the air, how late and how likely it arrives, and
    /// which physical-layer effects the engine models for it (half-duplex, collisions, duty cycle).
    /// Range and the per-link draws (asymmetry, fixed delay) are applied by <see cref="RadioGraph"/>.
    /// </summary>
    public interface ILinkModel
    {
        /// <summary>The parameters the model was built from.</summary>
        LinkParameters Parameters { get; }

        /// <summary>How long a frame of <paramref name="frameBytes"/> occupies the channel, in microseconds (rounded up).</summary>
        long AirtimeUs(int frameBytes);

        /// <summary>How long the radio must stay silent after a frame of <paramref name="airtimeUs"/> (duty-cycle limit); 0 without a limit.</summary>
        long DutyCycleWaitUs(long airtimeUs);

        /// <summary>Delay from the end of the transmission to delivery at the receiver, excluding the link's fixed extra delay; may draw jitter.</summary>
        long DeliveryDelayUs(SimRandom channel);

        /// <summary>Loss probability due to distance alone (the extra and asymmetric shares are added by the caller).</summary>
        double DistanceLossProbability(double distanceM);

        /// <summary>What the receiving radio reports for a frame from <paramref name="distanceM"/> away.</summary>
        void SignalAt(double distanceM, out sbyte rssiDbm, out sbyte snrDb);
    }
}
