using InboxApp.Auth;
using InboxApp.Components.Shared;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using InboxApp.Core.SharedInboxLinks;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;

namespace InboxApp.Features.SharedInboxLinks;

/// <summary>Settings › Shared inbox links: admins create links (the URL shown once), see them by prefix, rotate and revoke them.</summary>
public partial class SharedInboxLinksPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Inject] private SharedInboxLinkService Links { get; set; } = default!;
    [Inject] private PublicLinks PublicLinks { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    private Actor? actor;
    private List<SharedInboxLinkDto>? links;
    private IReadOnlyList<PhoneNumberOption> numbers = [];
    private SharedInboxLinkDto? shown;
    private string newName = "";
    private Guid? newNumber;
    private bool readInbox = true, readDetails, markRead = true, sendText = true, sendMedia, sendTemplates, sendAdvanced;
    private string? error;
    private bool busy;
    private bool copied;

    private bool CanManage => actor is { Role: UserRole.ADMIN, OrganizationId: not null };

    protected override async Task OnInitializedAsync()
    {
        actor = (await AuthState).User.ToActor();
        if (!CanManage) return;
        numbers = await Links.PhoneNumbersAsync(actor);
        newNumber = numbers.FirstOrDefault()?.Id;
        await ReloadAsync();
    }

    private async Task ReloadAsync() => links = [.. (await Links.ListAsync(actor!, 0, 100)).Items];

    private string Root => PublicLinks.Root(Navigation.BaseUri);

    private string NumberLabel(Guid id) => numbers.FirstOrDefault(n => n.Id == id)?.Label ?? "Removed number";

    private async Task CreateAsync()
    {
        error = null;
        if (newNumber is not { } number)
        {
            error = "Choose a number";
            return;
        }
        busy = true;
        try
        {
            var permissions = new SharedInboxPermissions(readInbox, readDetails, markRead, sendText, sendMedia, sendTemplates, sendAdvanced);
            shown = await Links.CreateAsync(actor!, new NewSharedInboxLink(number, newName, permissions, null, null), Root);
            copied = false;
            newName = "";
            await ReloadAsync();
        }
        catch (InboxException e)
        {
            error = e.Message;
        }
        finally
        {
            busy = false;
        }
    }

    private async Task RotateAsync(SharedInboxLinkDto link)
    {
        if (await Dialogs.ConfirmAndRunAsync(Snackbar, new Confirmation("Rotate link", $"Give “{link.Name}” a new URL? The current URL stops working at once.", "Rotate"),
                async () =>
                {
                    shown = await Links.RotateAsync(actor!, link.Id, Root);
                    copied = false;
                }, done: null, failure: "Could not rotate the link"))
            await ReloadAsync();
    }

    private async Task RevokeAsync(SharedInboxLinkDto link)
    {
        if (await Dialogs.ConfirmAndRunAsync(Snackbar,
                new Confirmation("Revoke link", $"Revoke “{link.Name}”? Its URL and open pages stop working at once. This cannot be undone.", "Revoke"),
                () => Links.RevokeAsync(actor!, link.Id), $"“{link.Name}” revoked", "Could not revoke the link"))
            await ReloadAsync();
    }

    private async Task CopyAsync()
    {
        if (shown?.PublicUrl is not { } url) return;
        try
        {
            await JS.InvokeVoidAsync("inboxApp.copyText", url);
            copied = true;
        }
        catch (JSException)
        {
            Snackbar.Add("Copy failed: select the URL and copy it by hand.", Severity.Warning);
        }
    }
}
