/**
 * Copies environment variables onto a config instance, converting each to the type of its default
 * (number or boolean), so validation sees typed values and can reject "abc" for a port.
 * Unconvertible values are kept as strings and fail validation with the variable's name.
 */
export function plainToConfig<T extends object>(type: new () => T, env: NodeJS.ProcessEnv): T {
  const config = new type();
  const target = config as Record<string, unknown>;
  for (const key of Object.keys(config)) {
    const raw = env[key];
    if (raw === undefined || raw === '') continue;
    const current = target[key];
    if (typeof current === 'number') {
      target[key] = /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw;
    } else if (typeof current === 'boolean') {
      const lowered = raw.trim().toLowerCase();
      target[key] =
        lowered === 'true' || lowered === '1' ? true : lowered === 'false' || lowered === '0' ? false : raw;
    } else {
      target[key] = raw;
    }
  }
  return config;
}
