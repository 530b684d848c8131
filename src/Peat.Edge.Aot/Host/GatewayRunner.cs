using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Peat.Edge.Aot.Config;
using Peat.Edge.Aot.Status;
using Peat.Edge.Aot.Transports.Serial;
using Peat.Edge.Aot.Transports.Udp;

namespace Peat.Edge.Aot.Host
{
    /// <summary>
    /// <c>peat-edge run</c>: builds the adapters from checked settings, runs the host loop until SIGINT or
    /// SIGTERM, then leaves the mesh and releases everything. Every expected failure (a device that is not
    /// there, a port in use) is a <see cref="StartupException"/> with one readable line.
    /// </summary>
    public static class GatewayRunner
    {
        public static int Run(GatewaySettings settings, Log log)
        {
            MonotonicClock clock = new MonotonicClock();
            List<IDisposable> owned = new List<IDisposable>();
            try
            {
                CheckMeshKey(settings, log);
                ITransport[] transports = OpenTransports(settings, log, owned);
                IPositionSource position = Sensors.SensorFactory.CreatePosition(settings, clock, log, owned);
                IBatterySource battery = Sensors.SensorFactory.CreateBattery(settings, log, owned);
                GatewayHost host = new GatewayHost(settings, log, clock, transports, position, battery);
                StatusServer status = new StatusServer(settings.StatusSocketPath, host, log);
                try
                {
                    status.Start();
                }
                catch (Exception e) when (e is IOException || e is SocketException || e is UnauthorizedAccessException)
                {
                    throw new StartupException("status.socket: cannot listen on " + settings.StatusSocketPath + ": " + e.Message);
                }

                owned.Add(status);
                if (settings.PrometheusPort != 0)
                {
                    PrometheusExporter exporter = new PrometheusExporter(settings.PrometheusPort, host, log);
                    exporter.Start();
                    owned.Add(exporter);
                }

                using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; host.Stop(); });
                using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; host.Stop(); });
                host.Run();
                return 0;
            }
            finally
            {
                for (int i = owned.Count - 1; i >= 0; i--)
                {
                    owned[i].Dispose();
                }
            }
        }

        private static ITransport[] OpenTransports(GatewaySettings settings, Log log, List<IDisposable> owned)
        {
            List<ITransport> transports = new List<ITransport>();
            if (settings.Udp != null)
            {
                UdpMulticastTransport udp = new UdpMulticastTransport(settings.Udp, log);
                owned.Add(udp);
                try
                {
                    udp.Open();
                }
                catch (SocketException e)
                {
                    throw new StartupException("transports.udp: cannot open " + settings.Udp.Group + ":" + settings.Udp.Port + " on " + settings.Udp.Interface + ": " + e.Message);
                }

                transports.Add(udp);
            }

            if (settings.Serial != null)
            {
                SerialRadioTransport serial = new SerialRadioTransport(settings.Serial, log);
                owned.Add(serial);
                serial.Open();
                transports.Add(serial);
            }

            return transports.ToArray();
        }

        // The core does not compute tags yet (the wire layout reserves them); the key file is checked now so
        // that a deployment is ready when it does.
        private static void CheckMeshKey(GatewaySettings settings, Log log)
        {
            if (settings.MeshKeyFile == null)
            {
                log.Warn("mesh_key_absent", "note", "no security.meshKeyFile configured");
                return;
            }

            try
            {
                long length = new FileInfo(settings.MeshKeyFile).Length;
                if (length < 16 || length > 4096)
                {
                    throw new StartupException("security.meshKeyFile: " + settings.MeshKeyFile + " must hold 16..4096 bytes (has " + length + ")");
                }

                using FileStream probe = File.OpenRead(settings.MeshKeyFile);
            }
            catch (FileNotFoundException)
            {
                throw new StartupException("security.meshKeyFile: " + settings.MeshKeyFile + ": file not found");
            }
            catch (UnauthorizedAccessException)
            {
                throw new StartupException("security.meshKeyFile: " + settings.MeshKeyFile + ": permission denied");
            }
            catch (IOException e)
            {
                throw new StartupException("security.meshKeyFile: " + settings.MeshKeyFile + ": " + e.Message);
            }

            log.Info("mesh_key_loaded", "file", settings.MeshKeyFile, "note", "frame tags are not computed by the core yet");
        }
    }
}
