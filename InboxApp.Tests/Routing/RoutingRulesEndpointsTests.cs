using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Users;
using static InboxApp.Tests.Routing.RoutingTestKit;

namespace InboxApp.Tests.Routing;

[Collection(SharedApp.Name)]
public sealed class RoutingRulesEndpointsTests(NoJobsAppFactory factory)
{
    private static async Task<List<string>> NamesAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/v1/routing-rules")).Data()).EnumerateArray().Select(r => r.Str("name")).ToList();

    [Fact]
    public async Task Admin_creates_lists_by_priority_updates_reorders_and_deletes_rules()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var billing = await TeamAsync(admin.Client, "Billing");
        var sales = await TeamAsync(admin.Client, "Sales");
        var refunds = await RuleAsync(admin.Client, " Refunds ", billing, [Keywords("refund", "chargeback")]);
        Assert.Equal("Refunds", refunds.Str("name"));
        Assert.Equal(1, refunds.GetProperty("priority").GetInt32());
        Assert.Equal("Billing", refunds.Str("teamName"));
        Assert.Equal("ANY", refunds.Str("matchType"));
        Assert.True(refunds.GetProperty("isActive").GetBoolean());
        var condition = refunds.GetProperty("conditions")[0];
        Assert.Equal("KEYWORDS", condition.Str("type"));
        Assert.Equal(["refund", "chargeback"], condition.GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("ANY_MESSAGE", condition.Str("scope"));
        var german = await RuleAsync(admin.Client, "German customers", sales, [new { type = "COUNTRY", values = new[] { "de", "AT" } }, Keywords("preis")], "ALL");
        Assert.Equal(2, german.GetProperty("priority").GetInt32());
        Assert.Equal(["DE", "AT"], german.GetProperty("conditions")[0].GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["Refunds", "German customers"], await NamesAsync(admin.Client));

        var patched = await admin.Client.PatchAsJsonAsync($"/api/v1/routing-rules/{refunds.Id()}", new { name = "Refunds and disputes", isActive = false, teamId = sales });
        await patched.ShouldBe(HttpStatusCode.OK);
        var after = await patched.Data();
        Assert.Equal("Refunds and disputes", after.Str("name"));
        Assert.False(after.GetProperty("isActive").GetBoolean());
        Assert.Equal(sales, after.GetProperty("teamId").GetGuid());
        Assert.Equal("KEYWORDS", after.GetProperty("conditions")[0].Str("type"));

        var reordered = await admin.Client.PostAsJsonAsync("/api/v1/routing-rules/reorder", new { orderedIds = new[] { german.Id(), refunds.Id() } });
        await reordered.ShouldBe(HttpStatusCode.OK);
        Assert.Equal([1, 2], (await reordered.Data()).EnumerateArray().Select(r => r.GetProperty("priority").GetInt32()));
        Assert.Equal(["German customers", "Refunds and disputes"], await NamesAsync(admin.Client));

        await (await admin.Client.DeleteAsync($"/api/v1/routing-rules/{german.Id()}")).ShouldBe(HttpStatusCode.NoContent);
        Assert.Equal(["Refunds and disputes"], await NamesAsync(admin.Client));
        await (await admin.Client.DeleteAsync($"/api/v1/routing-rules/{german.Id()}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Rules_are_changed_by_admins_only_and_read_by_supervisors()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var supervisor = await factory.AddMemberAsync(admin, "SUPERVISOR");
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var team = await TeamAsync(admin.Client, "Support");
        var rule = await RuleAsync(admin.Client, "Help", team, [Keywords("help")]);

        Assert.Equal(["Help"], await NamesAsync(supervisor.Client));
        await (await agent.Client.GetAsync("/api/v1/routing-rules")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        foreach (var client in new[] { supervisor.Client, agent.Client })
        {
            await (await client.PostAsJsonAsync("/api/v1/routing-rules", new { name = "X", teamId = team, conditions = new[] { Keywords("x") } }))
                .ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await client.PatchAsJsonAsync($"/api/v1/routing-rules/{rule.Id()}", new { name = "Y" })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await client.DeleteAsync($"/api/v1/routing-rules/{rule.Id()}")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await client.PostAsJsonAsync("/api/v1/routing-rules/reorder", new { orderedIds = new[] { rule.Id() } })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await client.PostAsync("/api/v1/routing-rules/run-now", null)).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await client.PutAsJsonAsync("/api/v1/routing-rules/default-team", new { teamId = team })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await client.PutAsJsonAsync("/api/v1/routing-rules/maintenance", new { maintenanceMode = true })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await client.PutAsJsonAsync("/api/v1/routing-rules/off-hours", new { offHoursAutoReply = false })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await client.PutAsJsonAsync("/api/v1/routing-rules/idle-agent", new { isEnabled = true })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await client.PostAsync("/api/v1/routing-rules/idle-agent/run", null)).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await client.PutAsJsonAsync("/api/v1/routing-rules/business-hours", new { timezone = "UTC", isEnabled = false, slots = Array.Empty<object>() }))
                .ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await client.PutAsJsonAsync($"/api/v1/teams/{team}/schedule", new { timezone = "UTC", isEnabled = false, slots = Array.Empty<object>() }))
                .ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await client.PutAsJsonAsync($"/api/v1/teams/{team}/assignment", new { mode = "ROUND_ROBIN" })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        }
        foreach (var path in new[] { "default-team", "off-hours", "maintenance", "idle-agent", "check-conflicts?teamId=" + team + "&conditions=%5B%7B%22type%22%3A%22KEYWORDS%22%2C%22values%22%3A%5B%22help%22%5D%7D%5D" })
        {
            await (await supervisor.Client.GetAsync("/api/v1/routing-rules/" + path)).ShouldBe(HttpStatusCode.OK);
            await (await agent.Client.GetAsync("/api/v1/routing-rules/" + path)).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        }
        await (await supervisor.Client.GetAsync($"/api/v1/teams/{team}/queue")).ShouldBe(HttpStatusCode.OK);
        await (await agent.Client.GetAsync($"/api/v1/teams/{team}/queue")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        // Hours are for everyone to read.
        await (await agent.Client.GetAsync("/api/v1/routing-rules/business-hours")).ShouldBe(HttpStatusCode.OK);
        await (await agent.Client.GetAsync($"/api/v1/teams/{team}/schedule/status")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Invalid_rules_are_refused_with_the_field_at_fault()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var team = await TeamAsync(admin.Client, "Support");
        async Task RefusedAsync(object body, string field)
        {
            var error = await (await admin.Client.PostAsJsonAsync("/api/v1/routing-rules", body)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
            Assert.True(error.GetProperty("details").TryGetProperty(field, out _), $"{field} in {error}");
        }
        await RefusedAsync(new { name = "", teamId = team, conditions = new[] { Keywords("x") } }, "name");
        await RefusedAsync(new { name = "No conditions", teamId = team, conditions = Array.Empty<object>() }, "conditions");
        await RefusedAsync(new { name = "Bad regex", teamId = team, conditions = new[] { new { type = "REGEX", value = "([a-z" } } }, "conditions[0].values");
        await RefusedAsync(new { name = "Bad country", teamId = team, conditions = new[] { new { type = "COUNTRY", values = new[] { "Germany" } } } }, "conditions[0].values");
        await RefusedAsync(new { name = "No key", teamId = team, conditions = new[] { new { type = "CONTACT_ATTRIBUTE", value = "gold" } } }, "conditions[0].key");
        await RefusedAsync(new { name = "Bad hours", teamId = team, conditions = new[] { new { type = "BUSINESS_HOURS", value = "SOMETIMES" } } }, "conditions[0].values");
        await RefusedAsync(new { name = "Bad type", teamId = team, conditions = new[] { new { type = "MESSAGE_TYPE", value = "HOLOGRAM" } } }, "conditions[0].values");
        await (await admin.Client.PostAsJsonAsync("/api/v1/routing-rules", new { name = "Unknown", teamId = team, conditions = new[] { new { type = "MOOD", value = "x" } } }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostAsJsonAsync("/api/v1/routing-rules", new { name = "No team", conditions = new[] { Keywords("x") } }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostAsJsonAsync("/api/v1/routing-rules", new { name = "Ghost team", teamId = System.Guid.NewGuid(), conditions = new[] { Keywords("x") } }))
            .ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.DeleteAsync($"/api/v1/teams/{team}")).ShouldBe(HttpStatusCode.NoContent);
        await RefusedAsync(new { name = "Inactive team", teamId = team, conditions = new[] { Keywords("x") } }, "teamId");

        var active = await TeamAsync(admin.Client, "Active");
        var one = await RuleAsync(admin.Client, "One", active, [Keywords("one")]);
        var two = await RuleAsync(admin.Client, "Two", active, [Keywords("two")]);
        await (await admin.Client.PostAsJsonAsync("/api/v1/routing-rules/reorder", new { orderedIds = new[] { two.Id() } })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostAsJsonAsync("/api/v1/routing-rules/reorder", new { orderedIds = new[] { two.Id(), two.Id() } })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostAsJsonAsync("/api/v1/routing-rules/reorder", new { orderedIds = new[] { two.Id(), System.Guid.NewGuid() } })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.PostAsJsonAsync("/api/v1/routing-rules/reorder", new { })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.GetAsync($"/api/v1/routing-rules/check-conflicts?teamId={active}&conditions=not-json")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.GetAsync($"/api/v1/routing-rules/check-conflicts?conditions=[]")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PatchAsJsonAsync($"/api/v1/routing-rules/{one.Id()}", new { conditions = Array.Empty<object>() })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostRawJsonAsync("/api/v1/routing-rules", "{\"name\": 5")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Another_organizations_rules_teams_and_conversations_give_404()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var other = await factory.RegisterOrganizationAsync();
        var theirTeam = await TeamAsync(other.Client, "Theirs");
        var theirRule = await RuleAsync(other.Client, "Theirs", theirTeam, [Keywords("x")]);
        var mine = await TeamAsync(admin.Client, "Mine");
        var myRule = await RuleAsync(admin.Client, "Mine", mine, [Keywords("x")]);

        Assert.Equal(["Mine"], await NamesAsync(admin.Client));
        await (await admin.Client.PatchAsJsonAsync($"/api/v1/routing-rules/{theirRule.Id()}", new { name = "Stolen" })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.DeleteAsync($"/api/v1/routing-rules/{theirRule.Id()}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.PostAsJsonAsync("/api/v1/routing-rules/reorder", new { orderedIds = new[] { theirRule.Id() } })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.PostAsJsonAsync("/api/v1/routing-rules", new { name = "X", teamId = theirTeam, conditions = new[] { Keywords("x") } }))
            .ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.PatchAsJsonAsync($"/api/v1/routing-rules/{myRule.Id()}", new { teamId = theirTeam })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.PutAsJsonAsync("/api/v1/routing-rules/default-team", new { teamId = theirTeam })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.GetAsync($"/api/v1/routing-rules/check-conflicts?teamId={mine}&conditions=%5B%7B%22type%22%3A%22KEYWORDS%22%2C%22values%22%3A%5B%22x%22%5D%7D%5D&excludeRuleId={theirRule.Id()}"))
            .ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        foreach (var path in new[] { "schedule", "schedule/status", "assignment", "queue" })
            await (await admin.Client.GetAsync($"/api/v1/teams/{theirTeam}/{path}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.PutAsJsonAsync($"/api/v1/teams/{theirTeam}/schedule", new { timezone = "UTC", isEnabled = true, slots = Array.Empty<object>() }))
            .ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.PutAsJsonAsync($"/api/v1/teams/{theirTeam}/assignment", new { mode = "ROUND_ROBIN" })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");

        await SandboxNumberAsync(other.Client);
        var theirConversation = await factory.CustomerWritesAsync(other.Client, Phone(), "Hello");
        await (await admin.Client.PostAsync($"/api/v1/conversations/{theirConversation}/re-route", null)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.GetAsync($"/api/v1/conversations/{theirConversation}/routing")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        // Their rule is not theirs to lose either.
        Assert.Equal(["Theirs"], await NamesAsync(other.Client));
    }

    [Fact]
    public async Task Check_conflicts_names_the_earlier_rules_that_would_take_the_same_conversations()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var billing = await TeamAsync(admin.Client, "Billing");
        var sales = await TeamAsync(admin.Client, "Sales");
        var refunds = await RuleAsync(admin.Client, "Refunds", billing, [Keywords("refund")]);
        var orders = await RuleAsync(admin.Client, "Orders", sales, [new { type = "REGEX", value = @"order\s*#?\d+" }]);
        await RuleAsync(admin.Client, "VIP", sales, [new { type = "CONTACT_TAG", values = new[] { "vip" } }]);

        async Task<JsonElement> CheckAsync(object[] conditions, Guid? exclude = null)
        {
            var json = Uri.EscapeDataString(JsonSerializer.Serialize(conditions));
            var response = await admin.Client.GetAsync($"/api/v1/routing-rules/check-conflicts?teamId={sales}&conditions={json}" + (exclude is null ? "" : $"&excludeRuleId={exclude}"));
            await response.ShouldBe(HttpStatusCode.OK);
            return await response.Data();
        }

        var report = await CheckAsync([Keywords("refund request")]);
        Assert.True(report.GetProperty("hasConflicts").GetBoolean());
        var conflict = Assert.Single(report.GetProperty("conflicts").EnumerateArray());
        Assert.Equal(refunds.Id(), conflict.GetProperty("ruleId").GetGuid());
        Assert.Contains("refund", conflict.Str("reason"));

        var regex = Assert.Single((await CheckAsync([Keywords("order 123")])).GetProperty("conflicts").EnumerateArray());
        Assert.Equal(orders.Id(), regex.GetProperty("ruleId").GetGuid());
        Assert.False((await CheckAsync([Keywords("shipping")])).GetProperty("hasConflicts").GetBoolean());
        // Editing "Refunds" (first) conflicts with nothing before it.
        Assert.False((await CheckAsync([Keywords("order 7")], refunds.Id())).GetProperty("hasConflicts").GetBoolean());
    }

    [Fact]
    public async Task Testing_a_message_tells_which_rule_wins_and_why()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var supervisor = await factory.AddMemberAsync(admin, "SUPERVISOR");
        var billing = await TeamAsync(admin.Client, "Billing");
        var sales = await TeamAsync(admin.Client, "Sales");
        var vip = await TeamAsync(admin.Client, "VIP");
        var fallback = await TeamAsync(admin.Client, "Front desk");
        await RuleAsync(admin.Client, "Gold customers", vip, [new { type = "CONTACT_ATTRIBUTE", key = "plan", value = "gold" }, new { type = "CONTACT_TAG", value = "vip" }]);
        await RuleAsync(admin.Client, "Refunds", billing, [Keywords("refund")]);
        await RuleAsync(admin.Client, "Brazil orders", sales, [new { type = "COUNTRY", value = "BR" }, new { type = "REGEX", value = @"pedido\s+\d+" }], "ALL");
        await RuleAsync(admin.Client, "Photos", sales, [new { type = "MESSAGE_TYPE", value = "IMAGE", scope = "FIRST_MESSAGE" }]);

        async Task<JsonElement> TestAsync(object body)
        {
            var response = await supervisor.Client.PostAsJsonAsync("/api/v1/routing-rules/test", body);
            await response.ShouldBe(HttpStatusCode.OK);
            return await response.Data();
        }

        var refund = await TestAsync(new { text = "I want a REFUND please" });
        Assert.Equal("Refunds", refund.Str("ruleName"));
        Assert.Equal("Billing", refund.Str("teamName"));
        Assert.Contains("contains \"refund\"", refund.Str("explanation"));

        var gold = await TestAsync(new { text = "refund", contactAttributes = new Dictionary<string, string> { ["Plan"] = "Gold" } });
        Assert.Equal("Gold customers", gold.Str("ruleName"));
        Assert.Contains("plan", gold.Str("explanation"));
        Assert.Equal("Gold customers", (await TestAsync(new { text = "hi", contactTags = new[] { "VIP" } })).Str("ruleName"));

        var brazil = await TestAsync(new { text = "Onde está o pedido 42?", contactPhone = "+55 11 91234-5678" });
        Assert.Equal("Brazil orders", brazil.Str("ruleName"));
        Assert.Equal("BR", brazil.Str("country"));
        Assert.Contains("from BR and", brazil.Str("explanation"));
        // ALL needs both: the country alone is not enough.
        Assert.False((await TestAsync(new { text = "Olá", contactPhone = "+55 11 91234-5678" })).TryGetProperty("ruleName", out _));
        Assert.Equal("Photos", (await TestAsync(new { messageType = "IMAGE" })).Str("ruleName"));

        var none = await TestAsync(new { text = "hello" });
        Assert.False(none.TryGetProperty("teamId", out _));
        Assert.Contains("no default team", none.Str("explanation"));
        await (await admin.Client.PutAsJsonAsync("/api/v1/routing-rules/default-team", new { teamId = fallback })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Front desk", (await TestAsync(new { text = "hello" })).Str("teamName"));
        var defaultTeam = await (await supervisor.Client.GetAsync("/api/v1/routing-rules/default-team")).Data();
        Assert.Equal(fallback, defaultTeam.GetProperty("teamId").GetGuid());
        Assert.Equal("Front desk", defaultTeam.Str("teamName"));
        await (await admin.Client.PutAsJsonAsync("/api/v1/routing-rules/default-team", new { teamId = (Guid?)null })).ShouldBe(HttpStatusCode.OK);
        Assert.False((await (await supervisor.Client.GetAsync("/api/v1/routing-rules/default-team")).Data()).TryGetProperty("teamId", out _));
    }

    [Fact]
    public async Task A_language_condition_routes_by_the_language_the_customer_writes_in()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var spanish = await TeamAsync(admin.Client, "Spanish team");
        var lusophone = await TeamAsync(admin.Client, "Portuguese team");
        var rule = await RuleAsync(admin.Client, "Spanish speakers", spanish, [new { type = "LANGUAGE", values = new[] { "ES" } }]);
        Assert.Equal(["es"], rule.GetProperty("conditions")[0].GetProperty("values").EnumerateArray().Select(v => v.GetString()!).ToArray());
        await RuleAsync(admin.Client, "Portuguese speakers", lusophone, [new { type = "LANGUAGE", values = new[] { "pt" } }]);

        async Task<JsonElement> TestAsync(string text)
        {
            var response = await admin.Client.PostAsJsonAsync("/api/v1/routing-rules/test", new { text });
            await response.ShouldBe(HttpStatusCode.OK);
            return await response.Data();
        }

        var hola = await TestAsync("Hola, necesito ayuda con mi pedido");
        Assert.Equal("Spanish team", hola.Str("teamName"));
        Assert.Contains("writes in Spanish", hola.Str("explanation"));
        Assert.Equal("Portuguese team", (await TestAsync("Olá, preciso de ajuda com o meu pedido")).Str("teamName"));
        Assert.False((await TestAsync("Hello, I need help with my order")).TryGetProperty("ruleName", out _));
        // No letters, no language: nothing to match.
        Assert.False((await TestAsync("12345 !!")).TryGetProperty("ruleName", out _));

        await (await admin.Client.PostAsJsonAsync("/api/v1/routing-rules", new { name = "Klingon", teamId = spanish, conditions = new[] { new { type = "LANGUAGE", values = new[] { "tlh" } } } }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Business_hours_decide_inside_and_outside_conditions_and_reject_bad_schedules()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var night = await TeamAsync(admin.Client, "Night shift");
        await RuleAsync(admin.Client, "After hours", night, [new { type = "BUSINESS_HOURS", value = "OUTSIDE" }]);

        var initial = await (await admin.Client.GetAsync("/api/v1/routing-rules/business-hours")).Data();
        Assert.False(initial.GetProperty("isEnabled").GetBoolean());
        var put = await admin.Client.PutAsJsonAsync("/api/v1/routing-rules/business-hours", new
        {
            timezone = "Europe/Berlin",
            isEnabled = true,
            slots = new[] { new { day = "MONDAY", open = "09:00", close = "17:00" }, new { day = "TUESDAY", open = "09:00", close = "24:00" } },
            holidays = new[] { new { date = "2030-12-24", name = "Christmas Eve" } },
        });
        await put.ShouldBe(HttpStatusCode.OK);
        var stored = await (await admin.Client.GetAsync("/api/v1/routing-rules/business-hours")).Data();
        Assert.Equal("Europe/Berlin", stored.Str("timezone"));
        Assert.Equal(2, stored.GetProperty("slots").GetArrayLength());
        Assert.Equal("2030-12-24", stored.GetProperty("holidays")[0].Str("date"));

        async Task<JsonElement> AtAsync(string at) =>
            await (await admin.Client.PostAsJsonAsync("/api/v1/routing-rules/test", new { text = "hi", at = DateTimeOffset.Parse(at) })).Data();
        // Monday 2030-12-16 10:00 Berlin = 09:00 UTC: open.
        var open = await AtAsync("2030-12-16T09:00:00Z");
        Assert.True(open.GetProperty("insideBusinessHours").GetBoolean());
        Assert.False(open.TryGetProperty("ruleName", out _));
        Assert.Equal("After hours", (await AtAsync("2030-12-16T16:30:00Z")).Str("ruleName"));  // 17:30 Berlin
        Assert.Equal("After hours", (await AtAsync("2030-12-24T10:00:00Z")).Str("ruleName"));  // a Tuesday, but a holiday

        var status = await (await admin.Client.GetAsync("/api/v1/routing-rules/business-hours/status")).Data();
        Assert.True(status.GetProperty("isEnabled").GetBoolean());
        Assert.True(status.TryGetProperty("nextChangeAt", out _));

        async Task BadAsync(object body, string field)
        {
            var error = await (await admin.Client.PutAsJsonAsync("/api/v1/routing-rules/business-hours", body)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
            Assert.True(error.GetProperty("details").TryGetProperty(field, out _), $"{field} in {error}");
        }
        await BadAsync(new { timezone = "Mars/Olympus", isEnabled = true, slots = Array.Empty<object>() }, "timezone");
        await BadAsync(new { timezone = "UTC", isEnabled = true, slots = new[] { new { day = "MONDAY", open = "9am", close = "17:00" } } }, "slots[0].open");
        await BadAsync(new { timezone = "UTC", isEnabled = true, slots = new[] { new { day = "MONDAY", open = "18:00", close = "17:00" } } }, "slots[0].close");
        await BadAsync(new { timezone = "UTC", isEnabled = true, slots = Array.Empty<object>(), holidays = new[] { new { date = "24.12.2030" } } }, "holidays[0].date");
        await (await admin.Client.PutAsJsonAsync("/api/v1/routing-rules/business-hours", new { timezone = "UTC", isEnabled = true, slots = new[] { new { day = "FUNDAY", open = "09:00", close = "10:00" } } }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Team_schedules_fall_back_to_the_organization_and_report_whether_the_team_is_open()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var team = await TeamAsync(admin.Client, "Support");
        var fallback = await (await agent.Client.GetAsync($"/api/v1/teams/{team}/schedule/status")).Data();
        Assert.Equal("NONE", fallback.Str("source"));
        Assert.True(fallback.GetProperty("isOpen").GetBoolean());

        // Open every day all day, except a holiday today (in UTC): closed now, opens at midnight.
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        var days = new[] { "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY" };
        var put = await admin.Client.PutAsJsonAsync($"/api/v1/teams/{team}/schedule", new
        {
            timezone = "UTC",
            isEnabled = true,
            slots = days.Select(d => new { day = d, open = "00:00", close = "24:00" }),
            holidays = new[] { new { date = today, name = "Team day" } },
        });
        await put.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(7, (await (await agent.Client.GetAsync($"/api/v1/teams/{team}/schedule")).Data()).GetProperty("slots").GetArrayLength());
        var status = await (await agent.Client.GetAsync($"/api/v1/teams/{team}/schedule/status")).Data();
        Assert.Equal("TEAM", status.Str("source"));
        Assert.False(status.GetProperty("isOpen").GetBoolean());
        Assert.Equal(DateTime.UtcNow.Date.AddDays(1), status.GetProperty("nextChangeAt").GetDateTimeOffset().UtcDateTime);
    }

    [Fact]
    public async Task Off_hours_maintenance_and_idle_agent_settings_are_kept_and_validated()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var supervisor = await factory.AddMemberAsync(admin, "SUPERVISOR");
        var offHours = await (await supervisor.Client.GetAsync("/api/v1/routing-rules/off-hours")).Data();
        Assert.False(offHours.GetProperty("offHoursAutoReply").GetBoolean());
        await (await admin.Client.PutAsJsonAsync("/api/v1/routing-rules/off-hours", new { offHoursAutoReply = true }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PutAsJsonAsync("/api/v1/routing-rules/off-hours", new { offHoursAutoReply = true, message = " We are closed. " })).ShouldBe(HttpStatusCode.OK);
        offHours = await (await supervisor.Client.GetAsync("/api/v1/routing-rules/off-hours")).Data();
        Assert.True(offHours.GetProperty("offHoursAutoReply").GetBoolean());
        Assert.Equal("We are closed.", offHours.Str("message"));
        await (await admin.Client.PutAsJsonAsync("/api/v1/routing-rules/off-hours", new { message = new string('x', 1001) }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        await (await admin.Client.PutAsJsonAsync("/api/v1/routing-rules/maintenance", new { maintenanceMode = true, message = "Back soon" })).ShouldBe(HttpStatusCode.OK);
        var maintenance = await (await supervisor.Client.GetAsync("/api/v1/routing-rules/maintenance")).Data();
        Assert.True(maintenance.GetProperty("maintenanceMode").GetBoolean());
        Assert.Equal("Back soon", maintenance.Str("message"));

        await (await admin.Client.PostAsync("/api/v1/routing-rules/idle-agent/run", null)).ShouldFail(HttpStatusCode.Conflict, "CONFLICT");
        await (await admin.Client.PutAsJsonAsync("/api/v1/routing-rules/idle-agent", new { isEnabled = true, minutes = 0 })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PutAsJsonAsync("/api/v1/routing-rules/idle-agent", new { isEnabled = true, minutes = 10 })).ShouldBe(HttpStatusCode.OK);
        var idle = await (await supervisor.Client.GetAsync("/api/v1/routing-rules/idle-agent")).Data();
        Assert.True(idle.GetProperty("isEnabled").GetBoolean());
        Assert.Equal(10, idle.GetProperty("minutes").GetInt32());
        var run = await admin.Client.PostAsync("/api/v1/routing-rules/idle-agent/run", null);
        await run.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(0, (await run.Data()).GetProperty("returned").GetInt32());
    }
}
