using System;
using Peat.Edge.Core.Node;

namespace Peat.Edge.Sim.Links
{
    /// <summary>
    /// Shared physics of the link models: the distance loss term and a log-distance path-loss model for
    /// RSSI, fitted so that a frame at 1 m arrives at <c>RssiAt1mDbm</c> and one at the range edge at the
    /// receiver's sensitivity <c>RssiAtRangeDbm</c>. Only used to fill the LinkInfo a node receives.
    /// </summary>
    internal static class LinkSignal
    {
        public static double DistanceLoss(LinkParameters parameters, double distanceM)
        {
            double ratio = distanceM / parameters.RangeM;
            return parameters.DistanceLossFactor * Math.Pow(ratio < 0 ? 0 : ratio, parameters.DistanceLossExponent);
        }

        public static void SignalAt(LinkParameters parameters, double distanceM, out sbyte rssiDbm, out sbyte snrDb)
        {
            double pathExponentTimes10 = (parameters.RssiAt1mDbm - parameters.RssiAtRangeDbm) / Math.Log10(Math.Max(parameters.RangeM, 2.0));
            double rssi = parameters.RssiAt1mDbm - (pathExponentTimes10 * Math.Log10(Math.Max(distanceM, 1.0)));
            rssiDbm = ClampToSbyte(rssi);
            snrDb = double.IsNaN(parameters.NoiseFloorDbm) ? LinkInfo.Unknown : ClampToSbyte(rssi - parameters.NoiseFloorDbm);
        }

        private static sbyte ClampToSbyte(double value)
        {
            // sbyte.MinValue is LinkInfo.Unknown, so a real measurement stops one above it.
            double rounded = Math.Round(value, MidpointRounding.AwayFromZero);
            return (sbyte)Math.Clamp(rounded, sbyte.MinValue + 1, sbyte.MaxValue);
        }
    }
}
