using System.Net;
using System.Net.Sockets;
using Federation.Members.Client;
using k8s.Autorest;
using Polly.Timeout;

namespace Federation.Members.Tests.Client;

public sealed class MemberErrorsTests
{
    private static HttpOperationException Http(int status, string body = "") =>
        new($"Operation returned an invalid status code '{status}'")
        {
            Response = new HttpResponseMessageWrapper(new HttpResponseMessage((HttpStatusCode)status), body),
        };

    [Theory]
    [InlineData(400, MemberErrorKind.Invalid, false)]
    [InlineData(401, MemberErrorKind.Unauthorized, false)]
    [InlineData(403, MemberErrorKind.Forbidden, false)]
    [InlineData(404, MemberErrorKind.NotFound, false)]
    [InlineData(409, MemberErrorKind.Conflict, false)]
    [InlineData(422, MemberErrorKind.Invalid, false)]
    [InlineData(429, MemberErrorKind.ServerError, true)]
    [InlineData(500, MemberErrorKind.ServerError, true)]
    [InlineData(503, MemberErrorKind.ServerError, true)]
    public void Http_statuses_map_to_kinds_and_only_5xx_and_429_are_retried(int status, MemberErrorKind kind, bool retried)
    {
        var error = Http(status);

        Assert.Equal(kind, MemberErrors.Classify("east", "scale deployment shop/web", error).Kind);
        Assert.Equal(retried, MemberErrors.IsTransient(error));
    }

    [Fact]
    public void Transport_failures_are_unreachable_and_retried()
    {
        var refused = new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused));

        Assert.Equal(MemberErrorKind.Unreachable, MemberErrors.Classify("east", "list", refused).Kind);
        Assert.True(MemberErrors.IsTransient(refused));
        Assert.True(MemberErrors.IsTransient(new IOException("reset")));
    }

    [Fact]
    public void Timeouts_are_classified_as_timeout_and_retried()
    {
        var timeout = new TimeoutRejectedException("timed out", TimeSpan.FromSeconds(2));

        Assert.Equal(MemberErrorKind.Timeout, MemberErrors.Classify("east", "list", timeout).Kind);
        Assert.True(MemberErrors.IsTransient(timeout));
    }

    [Fact]
    public void Message_names_member_operation_and_the_status_message()
    {
        var error = MemberErrors.Classify("west", "apply deployment shop/web",
            Http(422, """{"kind":"Status","code":422,"message":"Deployment.apps \"web\" is invalid: spec.selector: Required value"}"""));

        Assert.Contains("'west'", error.Message, StringComparison.Ordinal);
        Assert.Contains("apply deployment shop/web", error.Message, StringComparison.Ordinal);
        Assert.Contains("spec.selector: Required value", error.Message, StringComparison.Ordinal);
    }
}
