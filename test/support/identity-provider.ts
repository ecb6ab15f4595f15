import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

/**
 * A real OpenID Connect provider on this machine (oidc-provider, with its development login pages),
 * standing in for a council's identity provider. Any login name signs in; the account's email, name
 * and groups come from `accounts`.
 */

export interface TestAccount {
  email: string
  name: string
  groups: string[]
}

export interface TestIdentityProvider {
  issuer: string
  clientId: string
  clientSecret: string
  close(): Promise<void>
  /**
   * Does what a person's browser does at the provider: follows the authorization address, signs in
   * as `login`, agrees, and returns the address it sends the browser back to (the callback).
   */
  signIn(authorizationUrl: string, login: string): Promise<string>
}

export async function startIdentityProvider(options: {
  redirectUri: string
  accounts: Record<string, TestAccount>
}): Promise<TestIdentityProvider> {
  const clientId = 'convene'
  const clientSecret = 'a test secret that is long enough for HS256 signing'
  const server = await new Promise<Server>((resolve) => {
    const created = createServer()
    created.listen(0, '127.0.0.1', () => resolve(created))
  })
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    findAccount: (_ctx, id) => {
      const account = options.accounts[id]
      if (!account) return undefined
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          email: account.email,
          email_verified: true,
          name: account.name,
          groups: account.groups,
        }),
      }
    },
  })
  server.on('request', provider.callback())

  // Each sign-in is a new browser: nobody is signed in at the provider yet.
  let cookies = new Map<string, string>()
  const send = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    })
    for (const set of response.headers.getSetCookie()) {
      const [pair] = set.split(';')
      const [name, ...value] = (pair ?? '').split('=')
      if (name) cookies.set(name.trim(), value.join('='))
    }
    return response
  }
  const form = (fields: Record<string, string>) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  })

  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise((resolve) => server.close(() => resolve())),
    async signIn(authorizationUrl, login) {
      cookies = new Map()
      let next = authorizationUrl
      for (let hop = 0; hop < 12; hop += 1) {
        if (next.startsWith(options.redirectUri)) return next
        const url = new URL(next, issuer).href
        const interaction = url.match(/\/interaction\/([^/?]+)$/)
        let response: Response
        if (interaction) {
          const page = await (await send(url)).text()
          const prompt = page.includes('name="login"') ? 'login' : 'consent'
          response = await send(
            url,
            form(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt }),
          )
        } else response = await send(url)
        const location = response.headers.get('location')
        if (!location) throw new Error(`the identity provider stopped at ${url} with ${response.status}`)
        next = location
      }
      throw new Error('the identity provider never sent the browser back')
    },
  }
}
