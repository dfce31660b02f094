using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using InboxApp.Tests.Templates;

namespace InboxApp.Tests.Campaigns;

/// <summary>The campaign endpoints without sending (drafts): creation and its report, lists, roles, tenancy, validation.</summary>
[Collection(SharedApp.Campaigns)]
public sealed class CampaignsEndpointsTests(InboxAppFactory factory)
{
    [Fact]
    public async Task A_campaign_from_a_list_keeps_the_valid_rows_and_reports_invalid_phones_duplicates_and_missing_variables()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (numberId, templateId, name) = await admin.SandboxTemplateAsync();
        var (ana, ben) = (CampaignTestKit.NewPhone(), CampaignTestKit.NewPhone());
        var created = await admin.Client.CreateCampaignAsync(new
        {
            name = "Spring sale", templateId,
            recipients = new object[]
            {
                new { phone = ana, variables = new Dictionary<string, string> { ["1"] = "Ana" } },
                new { phone = "12", variables = new Dictionary<string, string> { ["1"] = "Nobody" } },
                new { phone = ana.Replace("+1", "+1 ").Insert(7, "-"), variables = new Dictionary<string, string> { ["1"] = "Ana again" } },
                new { phone = ben },
                new { phone = CampaignTestKit.NewPhone(), variables = new Dictionary<string, string> { ["body.1"] = "Cleo" } },
            },
        });

        Assert.Equal("DRAFT", created.GetProperty("status").GetString());
        Assert.Equal(numberId, created.GetProperty("phoneNumberId").GetGuid());
        Assert.Equal(name, created.GetProperty("templateName").GetString());
        var report = created.GetProperty("report");
        Assert.Equal(2, report.GetProperty("accepted").GetInt32());
        var problems = report.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("row").GetInt32(), p.GetProperty("reason").GetString()!)).ToList();
        Assert.Equal(3, problems.Count);
        Assert.StartsWith("invalid phone", problems[0].Item2);
        Assert.Equal((3, "duplicate of row 1"), problems[1]);
        Assert.Equal((4, "missing variable body.1"), problems[2]);

        var id = created.GetProperty("id").GetGuid();
        var detail = await admin.Client.CampaignAsync(id);
        Assert.Equal(2, detail.Count("pending"));
        var first = detail.Recipients()[0];
        Assert.Equal(ana, first.GetProperty("phone").GetString());
        Assert.Equal("Ana", first.GetProperty("variables").GetProperty("body.1").GetString());
        Assert.Equal("PENDING", first.GetProperty("status").GetString());

        var list = await (await admin.Client.GetAsync("/api/v1/campaigns?status=DRAFT")).Json();
        Assert.Equal(id, Assert.Single(list.GetProperty("data").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(1, list.GetProperty("meta").GetProperty("pagination").GetProperty("total").GetInt32());
        Assert.Empty((await (await admin.Client.GetAsync("/api/v1/campaigns?status=RUNNING")).Data()).EnumerateArray());
        Assert.Empty((await (await admin.Client.GetAsync("/api/v1/campaigns?search=autumn")).Data()).EnumerateArray());
    }

    [Fact]
    public async Task A_large_campaign_refreshes_the_recipients_statistics_on_postgresql_at_once()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, templateId, _) = await admin.SandboxTemplateAsync();
        var first = Random.Shared.Next(2_000_000, 8_990_000);
        var recipients = Enumerable.Range(0, 1000)
            .Select(i => new { phone = $"+1415{first + i}", variables = new Dictionary<string, string> { ["1"] = $"Guest {i}" } }).ToList();
        var before = TestDatabase.IsPostgres ? await LastAnalyzeAsync() : null;

        var created = await admin.Client.CreateCampaignAsync(new { name = "Big list", templateId, recipients });

        Assert.Equal(1000, created.GetProperty("report").GetProperty("accepted").GetInt32());
        Assert.Equal(1000, (await admin.Client.CampaignAsync(created.GetProperty("id").GetGuid())).Count("pending"));
        if (TestDatabase.IsPostgres)
        {
            // A manual ANALYZE sets last_analyze (autovacuum's sets last_autoanalyze).
            var after = await LastAnalyzeAsync();
            Assert.NotNull(after);
            Assert.True(before is null || after > before, $"last_analyze {after:O} is not after {before:O}");
        }
    }

    private async Task<DateTime?> LastAnalyzeAsync()
    {
        await using var db = factory.SystemDb();
        return await db.Database.SqlQueryRaw<DateTime?>(
            """SELECT last_analyze AS "Value" FROM pg_stat_user_tables WHERE relname = 'CampaignRecipients'""").SingleAsync();
    }

    [Fact]
    public async Task A_campaign_from_a_tag_maps_variables_to_the_contacts_name_and_attributes()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (numberId, templateId, _) = await admin.SandboxTemplateAsync();
        var tagged = CampaignTestKit.NewPhone();
        var conversationId = await admin.ConversationAsync(numberId, tagged);
        await admin.ConversationAsync(numberId, CampaignTestKit.NewPhone()); // not tagged
        var tag = await (await admin.Client.PostAsJsonAsync("/api/v1/tags", new { name = "vip" + Guid.NewGuid().ToString("N")[..6], color = "#dc2626" })).Data();
        var tagId = tag.GetProperty("id").GetGuid();
        await (await admin.Client.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/tags", new { tagId })).ShouldBe(HttpStatusCode.OK);

        var created = await admin.Client.CreateCampaignAsync(new { name = "VIP", templateId, tagId, variables = new Dictionary<string, string> { ["1"] = "{{contact.name}}" } });

        var recipient = Assert.Single((await admin.Client.CampaignAsync(created.GetProperty("id").GetGuid())).Recipients());
        Assert.Equal(tagged, recipient.GetProperty("phone").GetString());
        Assert.Equal("Ana Souza", recipient.GetProperty("variables").GetProperty("body.1").GetString());

        var filtered = await admin.Client.CreateCampaignAsync(new { name = "Search", templateId, contactFilter = new { search = tagged[^7..] }, variables = new Dictionary<string, string> { ["1"] = "friend" } });
        Assert.Equal(1, filtered.GetProperty("counts").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_campaign_from_a_csv_reports_rejected_lines_by_their_number()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, templateId, _) = await admin.SandboxTemplateAsync();
        var (ana, ben) = (CampaignTestKit.NewPhone(), CampaignTestKit.NewPhone());
        var csv = $"phone,1\n{ana},Ana\nnot a phone,X\n\"{ben}\",\"Ben, the second\"\n{ana},dup\n{CampaignTestKit.NewPhone()},\n";
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } }, "file", "customers.csv" },
            { new StringContent("From CSV"), "name" },
            { new StringContent(templateId.ToString()), "templateId" },
        };
        var response = await admin.Client.PostAsync("/api/v1/campaigns/csv", form);
        await response.ShouldBe(HttpStatusCode.Created);
        var created = await response.Data();
        var problems = created.GetProperty("report").GetProperty("problems").EnumerateArray().Select(p => $"{p.GetProperty("row").GetInt32()}:{p.GetProperty("reason").GetString()}").ToList();
        Assert.Equal(3, problems.Count);
        Assert.StartsWith("3:invalid phone", problems[0]);
        Assert.Equal("5:duplicate of row 2", problems[1]);
        Assert.Equal("6:missing variable body.1", problems[2]);
        var recipients = (await admin.Client.CampaignAsync(created.GetProperty("id").GetGuid())).Recipients();
        Assert.Equal("Ben, the second", recipients[1].GetProperty("variables").GetProperty("body.1").GetString());

        var noPhone = new MultipartFormDataContent
        {
            { new ByteArrayContent("name,1\nAna,Ana\n"u8.ToArray()), "file", "bad.csv" },
            { new StringContent("Bad"), "name" }, { new StringContent(templateId.ToString()), "templateId" },
        };
        var error = await (await admin.Client.PostAsync("/api/v1/campaigns/csv", noPhone)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("file", out _));
        await (await admin.Client.PostAsJsonAsync("/api/v1/campaigns/csv", new { name = "x" })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Invalid_requests_are_refused_with_the_field_in_error()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, templateId, name) = await admin.SandboxTemplateAsync();
        var phone = CampaignTestKit.NewPhone();

        var missing = await (await admin.Client.PostAsJsonAsync("/api/v1/campaigns", new { recipients = new[] { new { phone } } })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(missing.GetProperty("details").TryGetProperty("name", out _));
        Assert.True(missing.GetProperty("details").TryGetProperty("templateId", out _));
        var none = await (await admin.Client.PostAsJsonAsync("/api/v1/campaigns", new { name = "x", templateId })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(none.GetProperty("details").TryGetProperty("recipients", out _));
        var two = await (await admin.Client.PostAsJsonAsync("/api/v1/campaigns", new { name = "x", templateId, recipients = new[] { new { phone } }, tagId = Guid.NewGuid() }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Contains("only one audience", two.GetProperty("message").GetString());
        var noneValid = await (await admin.Client.PostAsJsonAsync("/api/v1/campaigns", new { name = "x", templateId, recipients = new[] { new { phone = "12" } } }))
            .ShouldFail(HttpStatusCode.BadRequest, "CAMPAIGN_NO_RECIPIENTS");
        Assert.True(noneValid.GetProperty("details").TryGetProperty("rows[1]", out _));
        await (await admin.Client.PostAsJsonAsync("/api/v1/campaigns", new { name = "x", templateId, recipients = new[] { new { phone } }, scheduledAt = DateTimeOffset.UtcNow.AddDays(-1) }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostAsJsonAsync("/api/v1/campaigns", new { name = "x", templateId = Guid.NewGuid(), recipients = new[] { new { phone } } }))
            .ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.PostAsJsonAsync("/api/v1/campaigns", new { name = "x", templateId, tagId = Guid.NewGuid() })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.PostRawJsonAsync("/api/v1/campaigns", "{\"name\": 5")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        // A draft template cannot be sent.
        var draft = await admin.Client.DraftAsync(TemplateTestKit.NewName(), CampaignTestKit.GreetingComponents());
        await (await admin.Client.PostAsJsonAsync("/api/v1/campaigns", new { name = "x", templateId = draft.GetProperty("id").GetGuid(), recipients = new[] { new { phone } } }))
            .ShouldFail(HttpStatusCode.Conflict, "TEMPLATE_NOT_APPROVED");

        var id = (await admin.Client.CreateCampaignAsync(new { name = name, templateId, recipients = new[] { new { phone } }, variables = new Dictionary<string, string> { ["1"] = "there" } }))
            .GetProperty("id").GetGuid();
        await (await admin.Client.GetAsync($"/api/v1/campaigns/{id}?status=SHIPPED")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.GetAsync($"/api/v1/campaigns/{id}?limit=0")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.GetAsync($"/api/v1/campaigns/{id}/export?status=1")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.GetAsync("/api/v1/campaigns?status=NOPE")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostAsJsonAsync("/api/v1/campaigns/bulk", new { action = "explode", selection = new { mode = "ids", ids = new[] { id } } }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostAsJsonAsync("/api/v1/campaigns/bulk", new { action = "cancel", selection = new { mode = "ids", ids = Array.Empty<Guid>() } }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        // A draft is neither paused nor resumed.
        await (await admin.Client.PostAsync($"/api/v1/campaigns/{id}/pause", null)).ShouldFail(HttpStatusCode.Conflict, "CAMPAIGN_WRONG_STATUS");
        await (await admin.Client.PostAsync($"/api/v1/campaigns/{id}/resume", null)).ShouldFail(HttpStatusCode.Conflict, "CAMPAIGN_WRONG_STATUS");
    }

    [Fact]
    public async Task Agents_are_refused_and_supervisors_manage_campaigns_but_only_admins_use_bulk()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, templateId, _) = await admin.SandboxTemplateAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var supervisor = await factory.AddMemberAsync(admin, "SUPERVISOR");
        var body = new { name = "Roles", templateId, recipients = new[] { new { phone = CampaignTestKit.NewPhone(), variables = new Dictionary<string, string> { ["1"] = "Ana" } } } };

        await (await agent.Client.GetAsync("/api/v1/campaigns")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await agent.Client.PostAsJsonAsync("/api/v1/campaigns", body)).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await agent.Client.GetAsync("/api/v1/campaigns/stats/global")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        var id = (await supervisor.Client.CreateCampaignAsync(body)).GetProperty("id").GetGuid();
        await (await agent.Client.GetAsync($"/api/v1/campaigns/{id}")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await agent.Client.PostAsync($"/api/v1/campaigns/{id}/cancel", null)).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await supervisor.Client.GetAsync($"/api/v1/campaigns/{id}/stats")).ShouldBe(HttpStatusCode.OK);
        await (await agent.Client.GetAsync($"/api/v1/campaigns/{id}/meta-cost")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        var cost = await (await supervisor.Client.GetAsync($"/api/v1/campaigns/{id}/meta-cost")).Data();
        Assert.Equal(0, cost.GetProperty("messages").GetInt32());
        Assert.Equal(0m, cost.GetProperty("total").GetDecimal());
        await (await supervisor.Client.PostAsJsonAsync("/api/v1/campaigns/bulk", new { action = "cancel", selection = new { mode = "ids", ids = new[] { id } } }))
            .ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await factory.CreateClient().GetAsync("/api/v1/campaigns")).ShouldBe(HttpStatusCode.Unauthorized);

        var cancelled = await (await supervisor.Client.PostAsync($"/api/v1/campaigns/{id}/cancel", null)).Data();
        Assert.Equal("CANCELLED", cancelled.GetProperty("status").GetString());
        await (await supervisor.Client.PostAsync($"/api/v1/campaigns/{id}/cancel", null)).ShouldFail(HttpStatusCode.Conflict, "CAMPAIGN_WRONG_STATUS");
    }

    [Fact]
    public async Task Another_organizations_campaign_is_not_found()
    {
        var owner = await factory.RegisterOrganizationAsync();
        var (_, templateId, _) = await owner.SandboxTemplateAsync();
        var id = (await owner.Client.CreateCampaignAsync(new
        {
            name = "Mine", templateId, recipients = new[] { new { phone = CampaignTestKit.NewPhone(), variables = new Dictionary<string, string> { ["1"] = "Ana" } } },
        })).GetProperty("id").GetGuid();
        var other = await factory.RegisterOrganizationAsync();

        foreach (var path in new[] { "", "/stats", "/export", "/meta-cost" })
            await (await other.Client.GetAsync($"/api/v1/campaigns/{id}{path}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        foreach (var action in new[] { "schedule", "pause", "resume", "cancel" })
            await (await other.Client.PostAsync($"/api/v1/campaigns/{id}/{action}", null)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        var bulk = await (await other.Client.PostAsJsonAsync("/api/v1/campaigns/bulk", new { action = "delete", selection = new { mode = "ids", ids = new[] { id } } })).Data();
        Assert.Equal(0, bulk.GetProperty("done").GetInt32());
        Assert.Equal("Campaign not found", Assert.Single(bulk.GetProperty("skipped").EnumerateArray()).GetProperty("reason").GetString());
        Assert.Empty((await (await other.Client.GetAsync("/api/v1/campaigns")).Data()).EnumerateArray());
        Assert.Equal(0, (await (await other.Client.GetAsync("/api/v1/campaigns/stats/global")).Data()).GetProperty("campaigns").GetInt32());
        // Another organization's template is not found either.
        await (await other.Client.PostAsJsonAsync("/api/v1/campaigns", new { name = "x", templateId, recipients = new[] { new { phone = CampaignTestKit.NewPhone() } } }))
            .ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await owner.Client.GetAsync($"/api/v1/campaigns/{id}")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Export_stats_and_bulk_delete_of_drafts()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, templateId, _) = await admin.SandboxTemplateAsync();
        var phone = CampaignTestKit.NewPhone();
        var id = (await admin.Client.CreateCampaignAsync(new
        {
            name = "Export me", templateId, variables = new Dictionary<string, string> { ["1"] = "=cmd()" },
            recipients = new[] { new { phone }, new { phone = CampaignTestKit.NewPhone() } },
        })).GetProperty("id").GetGuid();

        var export = await admin.Client.GetAsync($"/api/v1/campaigns/{id}/export");
        await export.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        Assert.Contains("campaign-Export-me.csv", export.Content.Headers.ContentDisposition!.ToString());
        var lines = (await export.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("phone,status,", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith($"{phone},PENDING,", lines[1]);
        Assert.Single((await (await admin.Client.GetAsync($"/api/v1/campaigns/{id}/export?status=all")).Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(2));
        Assert.Single((await (await admin.Client.GetAsync($"/api/v1/campaigns/{id}/export?status=FAILED")).Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries));

        var stats = await (await admin.Client.GetAsync($"/api/v1/campaigns/{id}/stats")).Data();
        Assert.Equal(2, stats.GetProperty("counts").GetProperty("pending").GetInt32());
        Assert.Equal(0, stats.GetProperty("deliveryRate").GetDouble());
        var global = await (await admin.Client.GetAsync("/api/v1/campaigns/stats/global")).Data();
        Assert.Equal(1, global.GetProperty("campaigns").GetInt32());
        Assert.Equal(1, global.GetProperty("byStatus").GetProperty("DRAFT").GetInt32());
        Assert.Equal(2, global.GetProperty("counts").GetProperty("total").GetInt32());

        var page = await admin.Client.CampaignAsync(id, "?limit=1&page=2");
        Assert.Equal(2, page.GetProperty("recipientsTotal").GetInt32());
        Assert.Equal(2, page.GetProperty("page").GetInt32());
        Assert.NotEqual(phone, Assert.Single(page.Recipients()).GetProperty("phone").GetString());

        var bulk = await (await admin.Client.PostAsJsonAsync("/api/v1/campaigns/bulk", new { action = "delete", selection = new { mode = "ids", ids = new[] { id } } })).Data();
        Assert.Equal(1, bulk.GetProperty("done").GetInt32());
        await (await admin.Client.GetAsync($"/api/v1/campaigns/{id}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
    }
}
