using BackCare.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace BackCare.Web.Tests.Hosting;

public sealed class DefaultUrlTests
{
    [Fact]
    public void Given_no_address_When_the_app_is_built_Then_it_serves_on_localhost_5080()
    {
        var builder = WebApplication.CreateBuilder([]);
        if (!string.IsNullOrEmpty(builder.Configuration["urls"]) || !string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            return;
        }

        HostingDefaults.ServeOnDefaultUrlUnlessTold(builder);

        builder.WebHost.GetSetting("urls").ShouldBe("http://localhost:5080");
    }

    [Fact]
    public void Given_urls_on_the_command_line_When_the_app_is_built_Then_they_win()
    {
        var builder = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:6123"]);

        HostingDefaults.ServeOnDefaultUrlUnlessTold(builder);

        builder.WebHost.GetSetting("urls").ShouldBe("http://127.0.0.1:6123");
    }
}
