using System.Net.Sockets;
using System.Text;

namespace Federation.Tests.FrontDoor;

/// <summary>
/// Sends a request with its path exactly as written: HttpClient and Uri would tidy doubled
/// slashes or percent-encoding away, and those spellings are what an attacker tries.
/// </summary>
public static class RawHttp
{
    public static async Task<int> SendAsync(Uri server, string method, string path, string? token = null, string? json = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        await using var stream = tcp.GetStream();
        var body = json is null ? [] : Encoding.UTF8.GetBytes(json);
        var head = new StringBuilder()
            .Append($"{method} {path} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\nContent-Length: {body.Length}\r\n")
            .Append(json is null ? "" : "Content-Type: application/json\r\n")
            .Append(token is null ? "" : $"Authorization: Bearer {token}\r\n")
            .Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        await stream.WriteAsync(body);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var status = await reader.ReadLineAsync() ?? throw new IOException($"{method} {path}: no answer");
        return int.Parse(status.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
