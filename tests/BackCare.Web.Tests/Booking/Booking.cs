using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackCare.Data;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Web.Tests.Booking;

/// <summary>Shortcuts the booking tests share: the demo clinic, its free slots, a booking.</summary>
internal static class Booking
{
    public static async Task<JsonElement> DemoClinic(HttpClient client)
    {
        using var response = await client.GetAsync("/api/clinics");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.EnumerateArray().Single().Clone();
    }

    public static async Task<List<JsonElement>> FreeSlots(HttpClient client, string clinicId, string query = "")
    {
        using var response = await client.GetAsync($"/api/clinics/{clinicId}/slots{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. body.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    public static async Task<string> AnyFreeSlot(HttpClient client, string kind = "telemedicine", int skip = 0)
    {
        var clinic = await DemoClinic(client);
        var slots = await FreeSlots(client, clinic.GetProperty("id").GetString()!, $"?kind={kind}");
        return slots[skip].GetProperty("id").GetString()!;
    }

    public static Task<HttpResponseMessage> Book(HttpClient client, string slotId, string reason = "Back spasm for two days", string? assessmentId = null) =>
        client.PostAsJsonAsync("/api/appointments", new { slotId, reason, assessmentId });

    public static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.Clone();
    }

    public static async Task<T> WithDb<T>(BackCareFactory factory, Func<BackCareDbContext, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<BackCareDbContext>());
    }
}
