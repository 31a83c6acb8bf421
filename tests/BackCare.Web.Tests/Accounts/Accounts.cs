using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace BackCare.Web.Tests.Accounts;

/// <summary>Registers and signs in people against a test host, and hands back clients that carry their token.</summary>
internal static class Accounts
{
    public const string Password = "correct horse battery";

    public static string NewEmail() => $"person-{Guid.NewGuid():N}@example.org";

    public static Task<HttpResponseMessage> Register(HttpClient client, string email, string password = Password, string displayName = "Sam") =>
        client.PostAsJsonAsync("/api/account/register", new { email, password, displayName });

    public static Task<HttpResponseMessage> Login(HttpClient client, string email, string password = Password) =>
        client.PostAsJsonAsync("/api/account/login", new { email, password });

    /// <summary>A new person, signed in: a client whose requests carry their bearer token.</summary>
    public static async Task<HttpClient> SignedInClient(BackCareFactory factory, string? email = null)
    {
        email ??= NewEmail();
        var client = factory.CreateClient();
        using (var registered = await Register(client, email))
        {
            registered.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        using var login = await Login(client, email);
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("accessToken").GetString());
        return client;
    }

    public static async Task<HttpClient> SignIn(BackCareFactory factory, string email)
    {
        var client = factory.CreateClient();
        using var login = await Login(client, email);
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("accessToken").GetString());
        return client;
    }

    public static Task<HttpResponseMessage> PostCase(HttpClient client, string caseJson) =>
        client.PostAsync("/api/assessments", new StringContent(caseJson, Encoding.UTF8, "application/json"));
}
