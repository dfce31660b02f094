using InboxApp.Auth;
using InboxApp.Components.Shared;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace InboxApp.Features.Messaging;

/// <summary>Settings › Failed messages: outbound messages that did not go out, with filters, retry and discard (admins).</summary>
public partial class FailedMessagesPage
{
    private const int PageSize = 25;

    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }
    [Inject] private FailedMessagesService Failed { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private Actor? actor;
    private bool isAdmin;
    private ServerGrid<FailedMessageDto>? grid;
    private HashSet<FailedMessageDto> selected = [];
    private IReadOnlyList<PhoneNumberOption> numbers = [];
    private FailedMessageStats? stats;
    private bool busy;
    private FailedMessageState? status;
    private Guid? numberId;
    private string? errorCode;
    private DateTime? from;
    private DateTime? to;
    private string? search;
    private bool showDiscarded;

    private bool FiltersActive => status is not null || numberId is not null || !string.IsNullOrWhiteSpace(errorCode) || from is not null
        || to is not null || !string.IsNullOrWhiteSpace(search) || showDiscarded;

    protected override async Task OnInitializedAsync()
    {
        actor = (await AuthState!).User.ToActor();
        isAdmin = actor.AtLeast(UserRole.ADMIN);
        if (!isAdmin) return;
        numbers = await Failed.PhoneNumbersAsync(actor);
        stats = await Failed.StatsAsync(actor, null, null);
    }

    private static string StatusLabel(FailedMessageState? state) => state switch
    {
        FailedMessageState.FAILED => "Failed",
        FailedMessageState.UNKNOWN => "Unknown (response lost)",
        FailedMessageState.PENDING => "Stuck (never sent)",
        _ => "All",
    };

    private FailedMessageFilter Filter() =>
        new(status, numberId, errorCode, Utc(from), to is { } t ? Utc(t.Date.AddDays(1).AddTicks(-1)) : null, search, showDiscarded);

    private static DateTimeOffset? Utc(DateTime? d) => d is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;

    private async Task<GridData<FailedMessageDto>> LoadAsync(int skip, int take, CancellationToken ct)
    {
        var page = await Failed.ListAsync(actor!, Filter(), skip, take, ct);
        return new GridData<FailedMessageDto> { Items = page.Items, TotalItems = page.Total };
    }

    private void ResetFilters()
    {
        (status, numberId, errorCode, from, to, search, showDiscarded) = (null, null, null, null, null, null, false);
        selected = [];
    }

    /// <summary>Applies a filter change and reloads from the first page (the selection is cleared).</summary>
    private async Task ApplyAsync(Action? change)
    {
        change?.Invoke();
        selected = [];
        if (grid is not null) await grid.ReloadAsync();
    }

    private Task RetryAsync(FailedMessageDto m) => RunAsync("Message sent again", async () =>
    {
        var dto = await Failed.RetryAsync(actor!, m.Id);
        if (dto.Status == MessageStatus.FAILED) Snackbar.Add($"WhatsApp refused it again. {dto.Error?.Title}", Severity.Warning);
    });

    private async Task DiscardAsync(FailedMessageDto m)
    {
        if (await Dialogs.ShowMessageBoxAsync("Discard message", "Discard this message? It leaves the list and is never sent.",
                yesText: "Discard", cancelText: "Cancel") != true) return;
        await RunAsync("Message discarded", () => Failed.DiscardAsync(actor!, m.Id));
    }

    private Task BulkRetryAsync() => RunAsync(null, async () => Report("retried", await Failed.BulkRetryAsync(actor!, selected.Select(s => s.Id).ToList())));

    private async Task BulkDiscardAsync()
    {
        if (await Dialogs.ShowMessageBoxAsync("Discard messages", $"Discard {selected.Count} messages? They leave the list and are never sent.",
                yesText: "Discard", cancelText: "Cancel") != true) return;
        await RunAsync(null, async () => Report("discarded", await Failed.BulkDiscardAsync(actor!, selected.Select(s => s.Id).ToList())));
    }

    private void Report(string verb, BulkResult result)
    {
        var firstError = result.Results.FirstOrDefault(r => !r.Ok)?.Error?.Message;
        Snackbar.Add($"{result.Succeeded} {verb}, {result.Failed} not.{(firstError is null ? "" : $" {firstError}")}",
            result.Failed == 0 ? Severity.Success : Severity.Warning);
    }

    private async Task RunAsync(string? success, Func<Task> action)
    {
        busy = true;
        try
        {
            await action();
            if (success is not null) Snackbar.Add(success, Severity.Success);
        }
        catch (InboxException e)
        {
            Snackbar.Add($"Not done: {e.Message}", Severity.Error);
        }
        finally
        {
            busy = false;
        }
        selected = [];
        stats = await Failed.StatsAsync(actor!, null, null);
        if (grid is not null) await grid.ReloadAsync(firstPage: false);
    }
}
