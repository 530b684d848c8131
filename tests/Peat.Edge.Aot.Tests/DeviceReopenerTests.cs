using Peat.Edge.Aot.Host;
using Peat.Edge.Aot.Tests.Support;
using Xunit;

namespace Peat.Edge.Aot.Tests
{
    /// <summary>The backoff that GPS and serial radio share; the reopen itself is tested through ptys (GpsTests, SerialPtyTests).</summary>
    public sealed class DeviceReopenerTests
    {
        [Fact]
        public void TheWaitDoublesFromOneSecondUpToThirtySeconds()
        {
            List<int> waits = new List<int> { DeviceReopener.RetryDelayMsMin };
            for (int i = 0; i < 8; i++)
            {
                waits.Add(DeviceReopener.NextDelayMs(waits[^1]));
            }

            Assert.Equal(new[] { 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000 }, waits);
        }

        [Fact]
        public void AStoppedAdapterGivesUpWithoutAnAttempt()
        {
            LogCapture log = new LogCapture();
            DeviceReopener reopener = new DeviceReopener(log.Log, "gps", "/dev/ttyX");
            using CancellationTokenSource stop = new CancellationTokenSource();
            stop.Cancel();
            Assert.False(reopener.Reopen("gone", () => throw new InvalidOperationException("no attempt after stop"), stop.Token));
            Assert.Equal(1, reopener.Losses);
            Assert.Equal(0, reopener.Attempts);
            Assert.Equal(1, log.Count("gps_device_lost"));
            Assert.Contains("device=/dev/ttyX error=gone", log.Text);
        }
    }
}
