using System.Net;
using System.Net.Sockets;

namespace Dashboard.TestSupport;

public static class LoopbackPort
{
    /// <summary>A port free on 127.0.0.1 right now, for servers that must be told their port before they start.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
