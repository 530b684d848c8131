namespace Peat.Edge.Aot.Sensors.Gps
{
    /// <summary>NMEA 0183 sentence text: the checksum is the XOR of every character between '$' and '*', in two hex digits.</summary>
    public static class NmeaText
    {
        /// <summary>"$" + body + "*" + checksum, for a body such as "GPGGA,123519,...".</summary>
        public static string WithChecksum(string body)
        {
            byte sum = 0;
            foreach (char c in body)
            {
                sum ^= (byte)c;
            }

            return "$" + body + "*" + sum.ToString("X2", System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
