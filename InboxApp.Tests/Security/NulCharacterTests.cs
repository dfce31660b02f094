using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using InboxApp.Core.Data;
using InboxApp.Core.Tags;
using InboxApp.Core.Webhooks;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;

namespace InboxApp.Tests.Security;

/// <summary>U+0000 never reaches the database (PostgreSQL refuses it: 22021) and never turns API input into a 500.</summary>
[Collection(SharedApp.Name)]
public sealed class NulCharacterTests(NoJobsAppFactory factory)
{
    private const string Nul = "\u0000";

    [Fact]
    public async Task An_inbound_text_and_profile_name_with_nul_are_stored_without_it_and_the_deliverys_other_messages_too()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        var (first, second) = ($"wamid.nul1{Guid.NewGuid():N}", $"wamid.nul2{Guid.NewGuid():N}");
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        var body = Messages(metaId, Array(Contact("5491155550101", $"Ma{Nul}ria"), Contact("5491155550102", "Pedro")),
            Array(Text(first, "5491155550101", $"Hola{Nul} mundo", at), Text(second, "5491155550102", "Todo bien", at)));
        await (await factory.CreateClient().SendAsync(Signed(body))).ShouldBe(HttpStatusCode.OK);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var db = factory.SystemDb();
            var delivery = await db.WebhookDeliveries.AsNoTracking().Where(d => d.Payload.Contains(first)).SingleAsync();
            if (delivery.Status == WebhookDeliveryStatus.PROCESSED) break;
            Assert.True(DateTime.UtcNow < deadline, $"The delivery is {delivery.Status}: {delivery.Error}");
            await Task.Delay(50);
        }
        await using (var db = factory.SystemDb())
        {
            var texts = await db.Messages.AsNoTracking().Where(m => m.OrganizationId == admin.OrganizationId).OrderBy(m => m.WaMessageId == second)
                .Select(m => m.Text).ToListAsync();
            Assert.Equal(["Hola mundo", "Todo bien"], texts);
            var names = await db.Contacts.AsNoTracking().Where(c => c.OrganizationId == admin.OrganizationId).OrderBy(c => c.Identifier)
                .Select(c => c.ProfileName).ToListAsync();
            Assert.Equal(["Maria", "Pedro"], names);
        }
    }

    [Fact]
    public async Task Any_save_stores_text_without_nul_on_every_database()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var now = DateTimeOffset.UtcNow;
        var tag = new Tag { Name = $"V{Nul}IP", NormalizedName = $"v{Nul}ip", Color = "#22c55e", CreatedAt = now, UpdatedAt = now };
        await using (var db = factory.Services.GetRequiredService<InboxDb>().For(admin.OrganizationId))
        {
            db.Tags.Add(tag);
            await db.SaveChangesAsync();
            Assert.Equal("VIP", tag.Name);
            // Bulk updates and query parameters lose it too.
            var color = "#00" + Nul + "0000";
            await db.Tags.Where(t => t.Id == tag.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Color, color));
            var name = "VI" + Nul + "P";
            Assert.True(await db.Tags.AnyAsync(t => t.Name == name));
        }
        await using (var db = factory.SystemDb())
        {
            var stored = await db.Tags.AsNoTracking().SingleAsync(t => t.Id == tag.Id);
            Assert.Equal(("VIP", "vip", "#000000"), (stored.Name, stored.NormalizedName, stored.Color));
        }
    }

    [Theory]
    [InlineData("POST", "/api/v1/tags", """{"name":"VIP\u0000","color":"#22c55e"}""", "name")]
    [InlineData("POST", "/api/v1/teams", """{"name":"Sales","description":"x\u0000y"}""", "description")]
    [InlineData("POST", "/api/v1/quick-replies", """{"shortcut":"hola","title":"Hola\u0000","text":"Hola!"}""", "title")]
    [InlineData("POST", "/api/v1/conversations/{conversation}/messages", """{"type":"text","text":"hi\u0000there"}""", "text")]
    [InlineData("PATCH", "/api/v1/contacts/5491155550199", """{"name":"Ana","attributes":{"plan":"gold\u0000"}}""", "attributes.plan")]
    [InlineData("POST", "/api/v1/invitations/bulk", """{"invitations":[{"email":"a@org.test"},{"email":"b@org.test","name":"B\u0000"}]}""", "invitations[1].name")]
    public async Task Api_input_with_nul_is_refused_with_the_field_named(string method, string url, string json, string field)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), url.Replace("{conversation}", Guid.NewGuid().ToString()))
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        var error = await (await admin.Client.SendAsync(request)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty(field, out _), error.ToString());
    }

    [Theory]
    [InlineData("/api/v1/conversations?search=ab%00cd", "search")]
    [InlineData("/api/v1/contacts?search=%00%00%00", "search")]
    [InlineData("/api/v1/conversations?category=a%00", "category")]
    public async Task Query_parameters_with_nul_are_refused_with_the_parameter_named(string url, string field)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var error = await (await admin.Client.GetAsync(url)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty(field, out _), error.ToString());
    }

    [Fact]
    public async Task Paging_past_the_last_allowed_page_is_refused_instead_of_overflowing()
    {
        var admin = await factory.RegisterOrganizationAsync();
        foreach (var page in new[] { int.MaxValue, 21_474_837, 1_000_001 })
        {
            var error = await (await admin.Client.GetAsync($"/api/v1/invitations?page={page}&limit=100")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
            Assert.True(error.GetProperty("details").TryGetProperty("page", out _), error.ToString());
        }
        var last = await admin.Client.GetAsync("/api/v1/invitations?page=1000000&limit=100");
        await last.ShouldBe(HttpStatusCode.OK);
        Assert.Empty((await last.Data()).EnumerateArray());
    }
}
