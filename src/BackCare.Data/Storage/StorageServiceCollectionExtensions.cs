using BackCare.Data.Accounts;
using BackCare.Data.Auditing;
using BackCare.Data.Diary;
using BackCare.Data.Clinics;
using BackCare.Data.Migrations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace BackCare.Data.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the DbContext for the configured provider, the audit log, the migrator and the account service.
    /// Throws <see cref="StorageConfigurationException"/> at once for an unknown provider; call
    /// <see cref="StorageStartup.InitializeBackCareStorageAsync"/> at start to check the database can be reached
    /// and bring its schema up to date.
    /// </summary>
    public static IServiceCollection AddBackCareStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddBackCareStorage(StorageOptions.FromConfiguration(configuration));
    }

    public static IServiceCollection AddBackCareStorage(this IServiceCollection services, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddMetrics();
        services.TryAddSingleton<Telemetry.BackCareMetrics>();
        services.TryAddScoped<IAuditActorAccessor, FixedAuditActorAccessor>();
        services.Replace(ServiceDescriptor.Singleton<IPasswordHasher<Account>, NormalizingPasswordHasher>());
        services.AddScoped<AuditingInterceptor>();
        services.TryAddSingleton<CacheInvalidation>();
        services.TryAddSingleton<OpenSessions>();
        services.AddScoped<CacheInvalidationInterceptor>();
        // The context is configured for every scope (every request); the connection string it opens is worked out once.
        var postgresConnectionString = new Lazy<string>(options.PostgresConnectionString);
        services.AddDbContext<BackCareDbContext>((provider, builder) =>
        {
            Configure(builder, options, postgresConnectionString);
            builder.AddInterceptors(
                provider.GetRequiredService<AuditingInterceptor>(), provider.GetRequiredService<CacheInvalidationInterceptor>(), new ShownResultsInterceptor());
        });
        services.AddScoped<AuditLog>();
        services.AddScoped<SchemaMigrator>();
        services.AddScoped<AccountService>();
        services.AddScoped<AccountSessions>();
        services.AddScoped<AccountPasswords>();
        services.AddScoped<AccountTwoStep>();
        services.AddScoped<AccountPasskeys>();
        services.AddBackCareIdentity();
        services.AddOptions<BookingOptions>();
        services.AddScoped<SlotGenerator>();
        services.AddScoped<BookingService>();
        services.TryAddSingleton<Notifications.OutboxDoorbell>();
        services.AddScoped<Notifications.NotificationOutbox>();
        services.AddScoped<Notifications.NotificationClaims>();
        services.AddOptions<AuditOptions>();
        services.AddScoped<StorageUpkeep>();
        services.AddScoped<PersonalData.AccountErasure>();
        services.AddScoped<PersonalData.AccountExport>();
        services.TryAddSingleton<DiaryWriter>();

        // A host drains the writer after the web server stops (see DiaryWriter.DrainAsync); without a host this is unused.
        services.AddHostedService(provider => provider.GetRequiredService<DiaryWriter>());
        services.TryAddSingleton<Auditing.AuditWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<Auditing.AuditWriter>());

        // Several instances on one PostgreSQL (decision 20): each hears the others' changes, and one leads the background work.
        services.TryAddSingleton<BackgroundLeader>();
        services.AddHostedService(provider => provider.GetRequiredService<BackgroundLeader>());
        if (options.Provider == StorageProvider.Sqlite)
        {
            services.TryAddSingleton<SqliteCheckpointer>();
            services.AddHostedService(provider => provider.GetRequiredService<SqliteCheckpointer>());
        }

        if (options.Provider == StorageProvider.Postgres)
        {
            services.TryAddSingleton<PostgresCacheListener>();
            services.AddHostedService(provider => provider.GetRequiredService<PostgresCacheListener>());
        }

        return services;
    }

    private static void Configure(DbContextOptionsBuilder builder, StorageOptions options, Lazy<string> postgresConnectionString)
    {
        switch (options.Provider)
        {
            case StorageProvider.Sqlite:
                builder.UseSqlite(options.ConnectionString);
                builder.AddInterceptors(new SqliteDurabilityInterceptor());
                break;
            case StorageProvider.Postgres:
                builder.UseNpgsql(postgresConnectionString.Value);
                break;
            default:
                throw new StorageConfigurationException($"{StorageOptions.ProviderKey} must be Sqlite or Postgres, got '{options.Provider}'.");
        }
    }

    /// <summary>
    /// ASP.NET Core Identity over the accounts table (<see cref="AccountUserStore"/>): its user manager makes and checks
    /// the email and reset tokens, changes passwords through BackCare's rules, renews the security stamp, and checks
    /// authenticator codes (the default authenticator provider) and recovery codes. Its own
    /// lockout is off: wrong passwords are slowed per email and client by <see cref="SignInThrottle"/>. The token
    /// providers and the encrypted authenticator keys need Data Protection; the web app configures where its keys are kept.
    /// </summary>
    private static void AddBackCareIdentity(this IServiceCollection services)
    {
        services.AddDataProtection();
        services.AddIdentityCore<Account>(options =>
            {
                options.User.AllowedUserNameCharacters = "";
                options.User.RequireUniqueEmail = false;
                options.Password.RequiredLength = 1;
                options.Password.RequiredUniqueChars = 1;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = false;
            })
            .AddUserStore<AccountUserStore>()
            .AddPasswordValidator<PasswordRulesValidator>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OnceOnlyAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
        services.Replace(ServiceDescriptor.Scoped<ILookupNormalizer, AccountEmailNormalizer>());
    }
}
