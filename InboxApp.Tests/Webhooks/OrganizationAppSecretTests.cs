using System.Net;
using System.Net.Http.Json;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;

namespace InboxApp.Tests.Webhooks;

/// <summary>Numbers of an organization with its own Meta app are signed with that app's secret.</summary>
[Collection(SharedApp.Second)]
public sealed class OrganizationAppSecretTests(NoJobsAppFactory factory)
{
    [Fact]
    public async Task A_delivery_signed_with_the_owning_organizations_app_secret_is_accepted_and_another_organizations_is_not()
    {
        var owner = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(owner.OrganizationId);
        await (await owner.Client.PutAsJsonAsync("/api/v1/whatsapp-accounts/meta-config", new { appId = "111", appSecret = "owner-app-secret" })).ShouldBe(HttpStatusCode.OK);
        var other = await factory.RegisterOrganizationAsync();
        await (await other.Client.PutAsJsonAsync("/api/v1/whatsapp-accounts/meta-config", new { appId = "222", appSecret = "other-app-secret" })).ShouldBe(HttpStatusCode.OK);

        var wamid = $"wamid.own{Guid.NewGuid():N}";
        var body = Messages(metaId, Array(Contact("15554443333", "Own App")), Array(Text(wamid, "15554443333", "via our own app", DateTimeOffset.UtcNow)));
        var client = factory.CreateClient();
        await (await client.SendAsync(Signed(body, secret: "other-app-secret"))).ShouldBe(HttpStatusCode.Unauthorized);
        await (await client.SendAsync(Signed(body, secret: "owner-app-secret"))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();

        await using var db = factory.SystemDb();
        Assert.Equal(owner.OrganizationId, (await db.Messages.SingleAsync(m => m.WaMessageId == wamid)).OrganizationId);
        Assert.Equal(1, await db.WebhookDeliveries.CountAsync(d => d.Payload == body));
    }

    [Fact]
    public async Task The_platform_secret_still_verifies_numbers_of_organizations_with_their_own_app()
    {
        var owner = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(owner.OrganizationId);
        await (await owner.Client.PutAsJsonAsync("/api/v1/whatsapp-accounts/meta-config", new { appId = "333", appSecret = "own-secret-2" })).ShouldBe(HttpStatusCode.OK);
        var body = Messages(metaId, Array(Contact("15554440000", "P")), Array(Text($"wamid.plat{Guid.NewGuid():N}", "15554440000", "hi", DateTimeOffset.UtcNow)));
        await (await factory.CreateClient().SendAsync(Signed(body))).ShouldBe(HttpStatusCode.OK);
    }
}
