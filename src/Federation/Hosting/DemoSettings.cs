namespace Federation.Hosting;

/// <summary>The flags of <c>federation demo</c>; 0 for a silo or gateway port picks a free one.</summary>
public sealed record DemoSettings(int ApiPort, int Members, string DataDir, bool Auth, int SiloPort = 0, int GatewayPort = 0);
