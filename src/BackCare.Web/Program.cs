using BackCare.Data.Storage;
using BackCare.Web.Accounts;
using BackCare.Web.Assessments;
using BackCare.Web.Benchmarks;
using BackCare.Web.Check;
using BackCare.Web.Clinics;
using BackCare.Web.Content;
using BackCare.Web.Diary;
using BackCare.Web.Email;
using BackCare.Web.Forms;
using BackCare.Web.Health;
using BackCare.Web.Notifications;
using BackCare.Web.Hosting;
using BackCare.Web.Today;
using BackCare.Web.Interop;

var builder = WebApplication.CreateBuilder(args);
builder.AddBackCareObservability();

HostingDefaults.ServeOnDefaultUrlUnlessTold(builder);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxRequestBodySize = HostingDefaults.MaxRequestBodyBytes;
});

builder.Services.AddBackCareHosting(builder.Configuration);
builder.Services.AddAccounts(builder.Configuration);
builder.Services.AddEmail(builder.Configuration);
builder.Services.AddNotifications(builder.Configuration);
builder.Services.AddAssessments();
builder.Services.AddDiary();
builder.Services.AddCheck(builder.Configuration);
builder.Services.AddContentLibrary(builder.Environment);
builder.Services.AddRecoveryPages();
builder.Services.AddClinicPages(builder.Configuration);
builder.Services.AddBackCareHealthChecks();
builder.Services.AddClinics(builder.Configuration);
builder.Services.AddRazorPages(options => options.RootDirectory = "/");
builder.Services.AddFormValidation();
builder.Services.AddOpenApi();
builder.Services.AddInterop(builder.Configuration);
builder.Services.ConfigureHttpJsonOptions(options =>
    options.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);

var app = builder.Build();
await app.Services.InitializeBackCareStorageAsync();

app.UseRequestLog();
app.UseBackCareHosting();
app.UseStaticFiles();
app.UseRouting();
app.UseRequestLogRoute();
app.UseCors();
app.UseAuthentication();
app.RefuseFailedBearerTokens();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();

// Every endpoint is mapped in one group, whose convention gives each the rate limit of its kind (Hosting/RateLimits.cs).
var site = app.MapGroup("").WithRateLimits(app.Services);
site.MapOpenApi();
site.MapAccounts();
site.MapAssessments();
site.MapSavedAssessments();
site.MapDiary();
site.MapInterop();
site.MapClinics();
site.MapClinicMessages();
site.MapHealth();
site.MapContentAssets();
site.MapEcho(app.Configuration);
site.MapRazorPages();

await app.RunAsync();

/// <summary>The web app's entry point; public so that the tests can host it.</summary>
public partial class Program;
