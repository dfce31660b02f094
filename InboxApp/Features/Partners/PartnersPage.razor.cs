using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Partners;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace InboxApp.Features.Partners;

/// <summary>The admin console's partners: create one with its iframe origins, then its keys (shown once) and its accounts.</summary>
public partial class PartnersPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Inject] private PartnerService Partners { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private Actor actor = default!;
    private List<PartnerDto>? partners;
    private PartnerDto? selected;
    private List<PartnerApiKeyDto>? keys;
    private List<PartnerAccountDto>? accounts;
    private CreatedPartnerApiKeyDto? createdKey;
    private string newName = "";
    private string newOrigins = "";
    private string editOrigins = "";
    private string newKeyName = "";
    private string? error;
    private bool busy;

    protected override async Task OnInitializedAsync()
    {
        actor = (await AuthState).User.ToActor();
        partners = [.. await Partners.ListAsync(actor)];
    }

    private static string[] Lines(string text) => text.Split(['\n', '\r', ' ', ','], StringSplitOptions.RemoveEmptyEntries);

    private Task CreateAsync() => RunAsync(async () =>
    {
        var partner = await Partners.CreateAsync(actor, newName, Lines(newOrigins));
        newName = newOrigins = "";
        partners = [.. await Partners.ListAsync(actor)];
        Snackbar.Add($"Partner {partner.Name} created", Severity.Success);
        await LoadSelectedAsync(partner);
    });

    private Task SelectAsync(PartnerDto partner) => RunAsync(() => LoadSelectedAsync(partner));

    private async Task LoadSelectedAsync(PartnerDto partner)
    {
        selected = partner;
        createdKey = null;
        editOrigins = string.Join(Environment.NewLine, partner.AllowedOrigins);
        keys = [.. await Partners.ListKeysAsync(actor, partner.Id)];
        accounts = [.. await Partners.ListAccountsAsync(actor, partner.Id)];
    }

    private Task SaveOriginsAsync() => RunAsync(async () =>
    {
        selected = await Partners.UpdateAsync(actor, selected!.Id, null, Lines(editOrigins), null);
        partners = [.. await Partners.ListAsync(actor)];
        Snackbar.Add("Origins saved", Severity.Success);
    });

    private Task ToggleActiveAsync() => RunAsync(async () =>
    {
        selected = await Partners.UpdateAsync(actor, selected!.Id, null, null, !selected.IsActive);
        partners = [.. await Partners.ListAsync(actor)];
    });

    private Task CreateKeyAsync() => RunAsync(async () =>
    {
        createdKey = await Partners.CreateKeyAsync(actor, selected!.Id, newKeyName);
        newKeyName = "";
        keys = [.. await Partners.ListKeysAsync(actor, selected.Id)];
    });

    private Task DeleteKeyAsync(PartnerApiKeyDto key) => RunAsync(async () =>
    {
        await Partners.DeleteKeyAsync(actor, selected!.Id, key.Id);
        keys = [.. await Partners.ListKeysAsync(actor, selected.Id)];
        Snackbar.Add($"Key {key.Name} deleted", Severity.Success);
    });

    private async Task RunAsync(Func<Task> action)
    {
        error = null;
        busy = true;
        try
        {
            await action();
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
}
