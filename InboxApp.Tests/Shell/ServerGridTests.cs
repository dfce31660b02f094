using Bunit;
using InboxApp.Components.Shared;
using InboxApp.Core.Common;
using InboxApp.Tests.Inbox.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace InboxApp.Tests.Shell;

/// <summary>
/// The shared server-paged grid: a load that fails says so in the grid and a snackbar, and an older load finishing after
/// a newer one failed (a filter typed just before the next) does not turn the error back into "nothing matches".
/// </summary>
public sealed class ServerGridTests : MudBunitContext
{
    private static readonly RenderFragment NameColumn = b =>
    {
        b.OpenComponent<TemplateColumn<string>>(0);
        b.AddAttribute(1, nameof(TemplateColumn<string>.Title), "Name");
        b.AddAttribute(2, nameof(TemplateColumn<string>.CellTemplate), (RenderFragment<CellContext<string>>)(cell => c => c.AddContent(0, cell.Item)));
        b.CloseComponent();
    };

    private IRenderedComponent<ServerGrid<string>> RenderGrid(Func<int, int, CancellationToken, Task<GridData<string>>> load) =>
        Render<ServerGrid<string>>(p => p
            .Add(g => g.Label, "Things")
            .Add(g => g.Load, load)
            .Add(g => g.Columns, NameColumn)
            .Add(g => g.ErrorTitle, "Could not load things")
            .Add(g => g.FiltersActive, true)
            .Add(g => g.FilteredEmptyText, "Nothing matches these filters."));

    [Fact]
    public async Task A_failed_load_says_so_and_a_later_load_clears_it()
    {
        var fail = false;
        var cut = RenderGrid((_, _, _) => fail
            ? throw new InboxException(400, "validation_error", "From must be before To.")
            : Task.FromResult(new GridData<string> { Items = ["Priya"], TotalItems = 1 }));
        cut.WaitForAssertion(() => Assert.Contains("Priya", cut.Markup));

        fail = true;
        await cut.InvokeAsync(() => cut.Instance.ReloadAsync());
        cut.WaitForAssertion(() => Assert.Contains("Could not load things. Try again in a moment.", cut.Markup));
        Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message == "Could not load things: From must be before To.");

        fail = false;
        await cut.InvokeAsync(() => cut.Instance.ReloadAsync());
        cut.WaitForAssertion(() => Assert.Contains("Priya", cut.Markup));
        Assert.DoesNotContain("Try again in a moment", cut.Markup);
    }

    [Fact]
    public async Task An_older_load_finishing_after_a_newer_failed_one_leaves_the_error_in_place()
    {
        var calls = 0;
        var slow = new TaskCompletionSource<GridData<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var cut = RenderGrid((_, _, _) => ++calls switch
        {
            1 => Task.FromResult(new GridData<string> { Items = ["Priya"], TotalItems = 1 }),
            // The first filter's load: its query ignores the token and answers late, with nothing.
            2 => slow.Task,
            _ => throw new InboxException(400, "validation_error", "From must be before To."),
        });
        cut.WaitForAssertion(() => Assert.Contains("Priya", cut.Markup));

        var older = cut.InvokeAsync(() => cut.Instance.ReloadAsync());
        await cut.InvokeAsync(() => cut.Instance.ReloadAsync());
        cut.WaitForAssertion(() => Assert.Contains("Could not load things. Try again in a moment.", cut.Markup));

        slow.SetResult(new GridData<string> { Items = [], TotalItems = 0 });
        await older;
        cut.Render();
        Assert.Contains("Could not load things. Try again in a moment.", cut.Markup);
        Assert.DoesNotContain("Nothing matches these filters.", cut.Markup);
    }
}
