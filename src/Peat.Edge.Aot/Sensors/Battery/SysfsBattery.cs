using System;
using System.Globalization;
using System.IO;

namespace Peat.Edge.Aot.Sensors.Battery
{
    /// <summary>Battery level from Linux power_supply sysfs (<c>capacity</c>, 0..100). A failed read is unknown (255).</summary>
    public sealed class SysfsBattery
    {
        private readonly string _capacityPath;

        public SysfsBattery(string supplyDirectory)
        {
            _capacityPath = Path.Combine(supplyDirectory, "capacity");
        }

        public string CapacityPath => _capacityPath;

        public bool TryRead(out byte percent)
        {
            percent = 255;
            try
            {
                string text = File.ReadAllText(_capacityPath).Trim();
                if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= 0 && value <= 100)
                {
                    percent = (byte)value;
                    return true;
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
            }

            return false;
        }
    }
}
