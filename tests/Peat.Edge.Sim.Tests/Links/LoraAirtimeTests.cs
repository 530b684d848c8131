using Peat.Edge.Sim.Links;
using Xunit;

namespace Peat.Edge.Sim.Tests.Links;

/// <summary>LoRa time on air against the Semtech formula, computed independently here.</summary>
public sealed class LoraAirtimeTests
{
    // SX1276 datasheet 4.1.1.7, written out again on purpose (SF7, 125 kHz, CR 4/5, 8 preamble, explicit header, CRC, no LDRO).
    private static double ReferenceMs(int payloadBytes)
    {
        const int sf = 7;
        const double bw = 125_000;
        double tSymMs = Math.Pow(2, sf) / bw * 1000;
        double payloadSymbols = 8 + Math.Max(Math.Ceiling((8.0 * payloadBytes - 4 * sf + 28 + 16) / (4.0 * sf)) * 5, 0);
        return (8 + 4.25) * tSymMs + payloadSymbols * tSymMs;
    }

    [Theory]
    [InlineData(10, 41.216)]
    [InlineData(51, 102.656)]
    public void Known_frame_sizes_match_the_published_values(int bytes, double expectedMs)
    {
        Assert.Equal(expectedMs, LoraAirtime.TimeOnAirMs(bytes, LinkParameters.Lora()), 9);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(13)]
    [InlineData(48)]
    [InlineData(51)]
    [InlineData(100)]
    [InlineData(222)]
    [InlineData(255)]
    public void Every_size_matches_the_formula_and_the_link_rounds_up_to_microseconds(int bytes)
    {
        double expected = ReferenceMs(bytes);
        Assert.Equal(expected, LoraAirtime.TimeOnAirMs(bytes, LinkParameters.Lora()), 9);
        var link = new LoraLink(LinkParameters.Lora());
        Assert.Equal((long)Math.Ceiling(expected * 1000 - 1e-6), link.AirtimeUs(bytes));
    }

    [Fact]
    public void A_48_byte_beacon_takes_97_ms_at_SF7()
    {
        Assert.Equal(97.536, LoraAirtime.TimeOnAirMs(48, LinkParameters.Lora()), 9);
    }

    [Fact]
    public void Higher_spreading_factor_with_LDRO_uses_the_reduced_denominator()
    {
        // SF12, 125 kHz, LDRO on, 10 bytes: Tsym 32.768 ms; ceil((80-48+28+16)/(4*10)) = 2 -> 8 + 10 = 18 symbols.
        double ms = LoraAirtime.TimeOnAirMs(10, 12, 125_000, 1, 8, true, true, true);
        Assert.Equal((12.25 + 18) * 32.768, ms, 9);
    }

    [Fact]
    public void Wifi_airtime_is_bits_over_bitrate()
    {
        var wifi = new WifiLink(LinkParameters.Wifi());
        Assert.Equal(384, wifi.AirtimeUs(48)); // 48 bytes at 1 Mbit/s
        Assert.Equal(9600, wifi.AirtimeUs(1200));
    }

    [Fact]
    public void Duty_cycle_waits_airtime_times_one_over_duty_minus_one()
    {
        var lora = new LoraLink(LinkParameters.Lora() with { DutyCycle = 0.01 });
        Assert.Equal(99 * 97_536, lora.DutyCycleWaitUs(97_536));
        Assert.Equal(0, new LoraLink(LinkParameters.Lora()).DutyCycleWaitUs(97_536));
    }
}
