using System;
using System.CommandLine;
using Peat.Edge.Aot.Sensors.SelfTest;

namespace Peat.Edge.Aot.Cli
{
    /// <summary><c>peat-edge selftest</c>: checks this build's GPS and battery parsing on known input (no hardware).</summary>
    public static class SelfTestCommand
    {
        public static Command Create()
        {
            Command command = new Command("selftest", "Check this build's NMEA and INA219 stack on known input (no hardware needed); exit 0 when all pass.");
            command.SetAction(_ => SensorSelfTest.Run(Console.Out));
            return command;
        }
    }
}
