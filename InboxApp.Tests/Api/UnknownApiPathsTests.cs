using System.Net;
using InboxApp.Tests.Infrastructure;

namespace InboxApp.Tests.Api;

[Collection(SharedApp.Second)]
public sealed class UnknownApiPathsTests(NoJobsAppFactory factory)
{
    [Theory]
    [InlineData("GET", "/api/v1/nothing-here")]
    [InlineData("POST", "/api/v1/nothing-here")]
    [InlineData("DELETE", "/api/v1/conversations/not/a/route")]
    [InlineData("GET", "/api/v1/users/00000000-0000-0000-0000-000000000000/nothing")]
    [InlineData("PUT", "/api/nothing")]
    public async Task An_unknown_api_path_answers_404_with_the_error_envelope_for_any_method(string method, string path)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var response = await admin.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        await response.ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task A_known_path_with_a_method_it_does_not_take_answers_405()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var response = await admin.Client.SendAsync(new HttpRequestMessage(HttpMethod.Patch, "/api/v1/api-keys"));
        await response.ShouldFail(HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
    }
}
