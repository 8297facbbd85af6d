using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using StackExchange.Redis;
using Federation.Grains;

namespace Federation.Hosting;

/// <summary>
/// Data Protection for member credentials: one key ring per federation, in the data directory
/// (embedded mode, files 0600 in a 0700 directory) or in Redis beside the grain state (several
/// silos: each must open what another protected).
/// </summary>
public static class CredentialProtection
{
    public static void AddCredentialProtection(this IServiceCollection services, FederationOptions options)
    {
        var protection = services.AddDataProtection().SetApplicationName($"federation/{options.ServiceId}");
        if (string.IsNullOrWhiteSpace(options.Redis))
        {
            var keys = Path.Combine(PrivateFiles.Directory(options.DataDir), "keys");
            services.Configure<KeyManagementOptions>(o => o.XmlRepository = new PrivateXmlRepository(keys));
        }
        else
        {
            var configuration = ConfigurationOptions.Parse(options.Redis);
            configuration.AbortOnConnectFail = false;
            var redis = ConnectionMultiplexer.Connect(configuration);
            protection.PersistKeysToStackExchangeRedis(redis, $"{options.ServiceId}:data-protection-keys");
        }

        services.AddSingleton<MemberCredentials>();
        services.AddSingleton<CompanionSecrets>();
    }
}
