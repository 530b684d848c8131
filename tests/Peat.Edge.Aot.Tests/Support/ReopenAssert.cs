using Peat.Edge.Aot.Host;
using Xunit;

namespace Peat.Edge.Aot.Tests.Support
{
    /// <summary>What an adapter that reopens its device (<see cref="DeviceReopener"/>) must show around one unplug and replug.</summary>
    public static class ReopenAssert
    {
        /// <summary>Waits for a failed attempt while the device is gone, so a test covers the failure path before it replugs.</summary>
        public static void WaitForAFailedAttempt(LogCapture log, string adapter)
        {
            Assert.True(Wait.Until(() => log.Count(adapter + "_reopen_failed") >= 1, 15000) >= 0, "no failed reopen attempt:\n" + log.Text);
        }

        /// <summary>One loss, a failed and a good attempt at least, and one log line per state change (a failure only when its reason changes).</summary>
        public static void OneLossOneReopen(ICounterSource source, LogCapture log, string adapter)
        {
            long attempts = Counters.Read(source, adapter + "_reopen_attempts");
            Assert.Equal(1, Counters.Read(source, adapter + "_device_lost"));
            Assert.True(attempts >= 2, attempts + " reopen attempts");
            Assert.Equal(1, log.Count(adapter + "_device_lost"));
            Assert.Equal(1, log.Count(adapter + "_reopened"));
            Assert.InRange(log.Count(adapter + "_reopen_failed"), 1, attempts - 1);
        }
    }
}
