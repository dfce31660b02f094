using System.Net;
using System.Net.Http.Json;
using InboxApp.Tests.Infrastructure;

namespace InboxApp.Tests.Security;

/// <summary>
/// CSV exports open in spreadsheets: a cell a user wrote that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a
/// carriage return would run as a formula there (CSV injection). Every such cell is prefixed with <c>'</c>.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class CsvInjectionTests(NoJobsAppFactory factory)
{
    [Theory]
    [InlineData("=HYPERLINK(\"https://evil.example\",\"Click\")")]
    [InlineData("+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3")]
    [InlineData("@SUM(1+1)*cmd|' /C calc'!A0")]
    public async Task An_opt_out_note_that_starts_a_formula_is_exported_as_text(string note)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var phone = "+4915" + Random.Shared.Next(10_000_000, 99_999_999);
        await (await admin.Client.PostAsJsonAsync("/api/v1/opt-outs", new { phone, note })).ShouldBe(HttpStatusCode.Created);

        var export = await admin.Client.GetAsync("/api/v1/opt-outs/export");
        await export.ShouldBe(HttpStatusCode.OK);
        var csv = await export.Content.ReadAsStringAsync();
        var cells = Cells(csv.Split('\n', 2)[1]);
        Assert.Contains("'" + note, cells);
        foreach (var cell in cells)
            Assert.False(cell.Length > 0 && cell[0] is '=' or '-' or '@' or '\t' or '\r' || (cell.StartsWith('+') && !cell[1..].All(char.IsAsciiDigit)),
                $"The cell <{cell}> would run as a formula: {csv}");
    }

    /// <summary>The cells of CSV rows as a spreadsheet reads them (quotes removed, doubled quotes undone).</summary>
    private static List<string> Cells(string csv)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var ch = csv[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { cell.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else cell.Append(ch);
            }
            else if (ch == '"' && cell.Length == 0) quoted = true;
            else if (ch is ',' or '\n') { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(ch);
        }
        if (cell.Length > 0) cells.Add(cell.ToString());
        return cells;
    }
}
