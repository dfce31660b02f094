using System.Net;
using InboxApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace InboxApp.Tests.Shell;

[Collection(SharedApp.Name)]
public sealed class NotFoundTests(NoJobsAppFactory factory)
{
    private HttpClient Browser() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task An_anonymous_visit_to_an_unknown_page_goes_to_sign_in_with_the_return_address()
    {
        var response = await Browser().GetAsync("/settings/nothing-here?tab=2");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?ReturnUrl=%2Fsettings%2Fnothing-here%3Ftab%3D2", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task Unknown_api_addresses_keep_the_json_not_found_envelope()
    {
        var response = await factory.CreateClient().GetAsync("/api/v1/nothing-here");

        await response.ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Missing_static_files_are_a_plain_404()
    {
        var response = await Browser().GetAsync("/no-such-file.css");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
