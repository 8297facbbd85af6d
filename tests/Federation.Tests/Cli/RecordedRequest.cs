namespace Federation.Tests.Cli;

/// <summary>A request as the fake server saw it.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Authorization, string Body);
