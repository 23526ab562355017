import { createHash, createHmac } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import {
  REFUSE_NON_CANONICAL_TIMESTAMP,
  SRP_K,
  SRP_N,
  checkPassword,
  createPasswordVerifier,
  deriveServerSessionKey,
  deviceVerifierFromConfig,
  formatSrpTimestamp,
  isCanonicalTimestamp,
  isValidSrpA,
  newSecretBlock,
  padHex,
  parseSrpTimestamp,
  startSrp,
  verifyDevicePasswordClaim,
  verifyPasswordClaim,
} from '../../src/domain/srp.js';
import {
  SRP_PRIME,
  clientTimestamp,
  devicePasswordClaim,
  generateDeviceVerifier,
  generateSrpA,
  passwordClaim,
} from '../support/srpClient.js';

// Test vectors from /work/shared/spec/srp-and-devices.md A.7 (cross-checked there against
// amazon-cognito-identity-js 6.3.21 and @aws-amplify/auth 6.21.1).
const SECRET_BLOCK_VECTOR =
  'AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg5Ojs8PT4/QA==';

const U1 = {
  poolName: 'AbCdEf123',
  userIdForSrp: 'alice',
  password: 'Passw0rd!',
  SALT: '008f3a5c7e91d2b4a6c8e0f1a3b5c7d9e1',
  x: '17804a70dfe545db06d463564c9208b3a906f549100a56a30ee7ed44859466b',
  v_padhex:
    '6e45540c5f529ea0b5b438418ed4c05082599046d863519ac43eae82d540f0f872fbfb62e6ac2d5555e408c89cdbd49beb6e09c2886ad2c5e6d7548bea4e891aa31b3a901d99cbc65c132b1b9099df19b817e8b3c4bd30f3862e272c6ad28131ebaa46b192a4588c6425cb2ff8555f9325a0d5c703d479fab0584131572d9f9bea1ebff7a0f4ae0871d94d98ad72a2f38c788f9bf8493f5a869f1e8482bc92b87424d7797b4e44d1d3630bb3a1718b96ea7666f354c465c82ecdd20a341b7c707ca4d8e4e396bd8536ae6488b83b758c2af4cf7ee194d9178e3e512b4a6e067513ba409283254952db9c22dabbd1b432c3fcd805d2699cda30c4b761beb6159b2741ad6ab4f393934baf7690a950a6d22cbdd51bf7c7828a21e764ef3d8bef9d7a664ddb53a36d0166f49e8db8de67d42d9ddef5c9796a96d32fa040bd2d4769ca18601cd44ac75a30523c2069b9cb043f7d6d3e50c7d50fbe68b4d4967705326ec2c627a8cb2c611835675bc144f2ce7fe9739fb897c060f8328f6d6e18f397',
  a: '1234567890abcdef00000000000000000000000000000000000000000000003039',
  A: 'a829a2595fb62edf48bc3fb4110e3df714de1764d86c3413543358e48f8e918d2709ada6dbfcf86ac4df2d1bc20c577d3f8bbbd7133435685b5ce3e1a04d02adfe6e6d2395d71071b590b2b57f9d3161a5346743ad1411468e9d53334cb0f8a787b5cf8cfb1d694498f940ccae9378ea8d8477caa08c08ac246f3b13db2a43f88227da05bfdf16d136fc95b209150226cef902626bb645f808582b8cdee7d9ac19c75b8cdd958d298b98d629a27774fd8cc9c612e2ba12e0c1dbaf912691ae330eaca154c2bda7ce7288e9581fc0f82ee5066e32f08d38d747cc983d6a364881cb84f3114799e033c5ae85ff6dafe32620164cc136c9711a05bc2f94f4bfd759dc277bbfd4d9884f2bb86e667604f34938615cc58256dfc7debe34fcc81605c2611f5c21fe792136bd0910c40f402151f38f44b02da39ac20505408121c45410c6a26c1c0e16defba6c665ea462a7a5e84445db207ffb228e6d9a470d11c4829cad935dc7db9ce5e9950a2cc0bcaf451a1a058a6d0117b3ead749e1ee4ec73f9',
  b: '3fb72ea61d950c84000000000000000000000000000000000000000000000309',
  B: '39b8f799cc2cddd35e0d9ca36302368d2440cca10ff50cb7232d263c27ad33aa75aea6811f25031cb92f673897c0ed9f6f18bad5d13cddd6b8829ed25826c55ced66e27d82edfeda4966f3798faa831a7d1a1326c18135904ee92791a9a5b4cf3240503d66022b02dd176e8d13b1623345e3a7e70059608796df8910fab4218ff62d7e69383d434e6227055d5efa656830b814c781e13f00adc5766023582c28017d6c944080f016fd7769ebab79c0274c6002b57b5a243eda043709da60837b580f22355ce748ddd6e2fac02b94510bfed1b09c68e3bf93a6deb2dbf0748ad983365a2036bc94624bce6eebb5565747bc7cebf36fd0777e6f5bbbb1e7858b2a4b3db7ebe6f74944039851f1b8563677339dc4b74ecac750df3ada8ce57ac9ada92f17d0c4f12fcb93d3cb16b50f20d6ea6314531d05fe5fd0e5f2477221043c7f5891fa4f77821e42e8ca3c4f2f2c5111f717d402448e3f38cf87d3974af374fb233c46f4cfdf17ad3626d08c113db03be8bfd52437064b9fb36b26233ed189',
  u: 'efb25efd4117818ed91a1f71a7c3ddfe27c944a89b5948330b4c24f1214b057b',
  S: '7eb093aa918401723f0e984b195b1665adfb7a9f6f22739a24bc80f456fe145655619bde9745ca086ac6340b0d163f3d75d2ca9d363c1a58bf2e2db2de85fb16eeeb66fb3da8552ba4207304130ce36d21370bd3614469c72b999623b8825d0aaea47c8e6b60daca96aa35bacd5c9c729747c833dc0f0ec2135c544080fe8fa9a11abd8942aab224c1816823fe8003468138aedae1e4bf804b0624a6763685bc38904031da982b4248a66c1e887658ef06dd32f39e305da05c0b5bc6539613c001cd95d2d089808e7eca9a7bcb84574f4f69da737e4c0adc517298ab7b3f4712592a50c90d6ba57bba5067cae8a2e5e078c010d79c43b84602130e4f5eba697b28564a2c4a7f81f1b0c492f0f9b8421808831cf180b8be3511e313bd95442fe51c34db58929421567939a22e515a0b94fd2131ca368c6f603905c4e6bed63c425a2a89648e8ff15cfa606224435f822fe72060a0945082f489797d1b350e26246189e1adc95a807793153aae23c119f2369e96b284c92f33713f333053167d22',
  hkdfKey: '5b4b787e3fa5a10eddcbb12b7160bdc7',
  SECRET_BLOCK: SECRET_BLOCK_VECTOR,
  TIMESTAMP: 'Tue Jan 5 03:04:05 UTC 2021',
  signature: 'LIP+49QPWs+RB2yUL1P5fwCa08d49DSbvs0FOb3jV2I=',
};

const U2 = {
  ...U1,
  SALT: '1f3a5c7e91d2b4a6c8e0f1a3b5c7d9e1',
  x: 'a19815c5b7f31b42ae4b4b0d819a29e92373f6794e99ea39f25e8ec690d9b136',
  B: '3088b4850bc25ece2b569f2bb3a248db54499394c392727f232ee307e12416b3fc1d997210f24a92c7c1a4cba667fc8240de9d3cd1f8f020a22e4943f5c102e6045d0cb92d8889304badc9e4fab3d6882b7ff3b1798dcc692fa6ac2c1dd588472c0514391ca3dde7065581fe87ac83c9bc574563265247f26d7e00a96b64d012774ca750dad24c4a461dc354d238362d1b525075cb5b1699e499214c853df7c9b9bf7fc77a2d13ecd919915d2bd0823d9876483c0be81efb2d908c318fce16f664eb6c64edcd1eaef3a3e9947b86903099cb26501184ec14e9e57e18bde696f4b181cb4a234505f14dae5b993db34b385012fd20b66a51d72d496c0e2ed1f9fb13747ecd4763471c319bd274b2b155a161662f169253c8c255fdfc26c7e7c9c3782e79a8e059182682b416c8c12ae0de11af5b1aac5d7ffa54828dbcbaa0903c5ce7b9812279c81990175907ec6fae535c26ac0bf96d2d40acff67e3e0c89f66bd0b577650f91dd010252c9956c6562aa3b60033f45deaf00e9e7fad53973d2d',
  u: '469e2423b2ccd06d934c9238ae1bfa6ed0312c8b29c1e22e22e0a9cc576302cb',
  hkdfKey: 'fdeba00ac4245e1e7b5defe843391bbd',
  TIMESTAMP: 'Sun Dec 31 23:59:59 UTC 2023',
  signature: '9J2HA9n/tXRTWwUkxLzukCN0wTPhDgVr0rBSI24w4G0=',
};

const D1 = {
  deviceGroupKey: '-Zx8Qy2Ab',
  deviceKey: 'us-east-1_0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
  devicePassword: 'dGVzdC1kZXZpY2UtcGFzc3dvcmQtZm9yLXZlY3RvcnMtb25seQ==',
  SALT: '00c0ffee00112233445566778899aabbcc',
  Salt: 'AMD/7gARIjNEVWZ3iJmqu8w=',
  PasswordVerifier:
    'AOTPua9v0lH/vpVysIXuFAN1Ytd7SC5RizKiaGEZpDPllTNHYad2OT7zv6ApkN4rIa/8xNr9ywmtjRW1mb808W7rXhnIcfZo+aAhZeFa72eiXBJikVW8DMNf/JR2nspM1VjcJ5OQd7FZ7dJ5GeAO0AtyroqVauJr/jFUyp75BSRj1FVQcXjGuKIs63iZ0iuiGkEATOsnTF5w8uZXV19FVGvfVHLQIy9bzvPWSRilJ8FGsZe1m5w26QDkWTsvoMnA385XAG2PpMAKgcWmMlafHi9ojUijTUER9C57koVr0NNiIVJyia18pMd89KFodWFoVxUHdrDv8b9uvDlwj/zsUelZvJ66U/WlqTWiO6gJiAIoYaJVIFEqDyKVbqCBpk5FPeRE9RWOd5syBYWieq5AEelo44VhlyXucZqcPiIg0rdfQUDDBCCv3U9u4XbVkcFiM6gPnQrO6KX3nD1m8aZ/IqYOnGM4brKZk5vkVj1VejhI80KwVohphS70spIy1bju5g==',
  v_padhex:
    '00e4cfb9af6fd251ffbe9572b085ee14037562d77b482e518b32a2686119a433e595334761a776393ef3bfa02990de2b21affcc4dafdcb09ad8d15b599bf34f16eeb5e19c871f668f9a02165e15aef67a25c12629155bc0cc35ffc94769eca4cd558dc27939077b159edd27919e00ed00b72ae8a956ae26bfe3154ca9ef9052463d455507178c6b8a22ceb7899d22ba21a41004ceb274c5e70f2e657575f45546bdf5472d0232f5bcef3d64918a527c146b197b59b9c36e900e4593b2fa0c9c0dfce57006d8fa4c00a81c5a632569f1e2f688d48a34d4111f42e7b92856bd0d36221527289ad7ca4c77cf4a16875616857150776b0eff1bf6ebc39708ffcec51e959bc9eba53f5a5a935a23ba80988022861a25520512a0f22956ea081a64e453de444f5158e779b320585a27aae4011e968e385619725ee719a9c3e2220d2b75f4140c30420afdd4f6ee176d591c16233a80f9d0acee8a5f79c3d66f1a67f22a60e9c63386eb299939be4563d557a3848f342b0568869852ef4b29232d5b8eee6',
  a: 'abcdef0000000000000000000000000000000000000000000000000000063',
  A: '9ca37602d890f33dfaeabced66c7cef857482dc3d033f2b4f288dc006104b7f950d50309e26ae80188062f0cb7457e26e9256ada1e1137b87a248ab59b99f02ad4f80b613fd37a569238ae1805702db83472addc410c6e94ac9eeed06cde327b813f3fed374c22abd26378fe6aad25fbe96bcfcf824e9ba18f73b5a58025258306252406a82e0d453ff841d26a59144b409c9cdf14550f93378d58f2a0de237189748198a9b9d0516af36635404d4f98cc4bc07f7a6c2e538ba1ddd92bd80bbee79d72459adaa61c88967cf41ca9407be4ca96fc9335b6f2c3ecb468c6db7ccaa9a2bf447bafa90d0e2a5d677660c398ff98fc4a7f7efd09f3a03641c7bc78c23d472bb5c47b93d1fcfe669d3715cff9308c40900ab197cdc5c423c0bb205d1e37b060cf03494cac6a27bda6fb63339f4e297c2c9af98ab8c676f0a909537a0bbf02c7d877d75d655ab8885ca05ed0864161ab27469b8528313b11e5dadfd7d28ff06db51b9f519211206a7c4670883ae0ba0b309bb8509c7f15e192a0aaf088',
  b: '4d5e6f7c000000000000000000000000000000000000000000000000002a',
  B: '3d6e6e4e163af2b4c7cb8e0555abc60f045527b961f8fe050860a4f0863e8d30e1a5cc6c93c95501a755b539ad38633850d23ebe9b4ce33127b4d0afb5e5845a18c5108cc1639831027f46901d9ebc5bdff757a64d6f87435f11a5d8194bf42ca1d5a8d7d100f459ad5678868be9e94f920a542ba485006b651e28c8b1108e336528c631dedc6c868abf46222a39f2f88ca642ae802c937f82d01af11a6b1afb48dc550689e8185344a131f852ba485fc1e301e86e049ede55354bf66c82005044951815b407edaf612170bdadef27486bc974d3d5af7e739884167afa9a8cfe5cc4ba5d7e7578f85a77d1d8c62a1be465531708dd58cfd4cbf9f89d811b35905ee61134bbd96e9b2a31c89627e859f256b51078514b56fe613c2e8ec4bb7b0da1caa32f2244920d2486c38266601de2eb40d7d5e0e6858e1e8ea8752ab7d3b8cdea7fcccbc658c7f4476e6d828795b97cbf59e5c5e01cbda47d2748fb41a818e3937c457d6c453acbe371e4bef057a3a9ca9e288176f3184464e784f23ef130',
  u: '9802af841d55840c7667b04c13f831dae80e0a14baa1d8e2c43430806f68fd57',
  hkdfKey: '43ee80748e93a0fa63cde10b071b9e7e',
  SECRET_BLOCK: SECRET_BLOCK_VECTOR,
  TIMESTAMP: 'Wed Feb 14 09:08:07 UTC 2024',
  signature: 'EBprUpsfQU6q9ZPyoeeOa26yAW5D0g5zS1AVHTtwHG4=',
};

/** The server-side claim input for a user vector, overridable per test. */
function userClaimInput(v: typeof U1, overrides: Partial<Parameters<typeof verifyPasswordClaim>[0]> = {}) {
  return {
    poolName: v.poolName,
    userIdForSrp: v.userIdForSrp,
    saltHex: v.SALT,
    verifierHex: createPasswordVerifier(v.poolName, v.userIdForSrp, v.password, { salt: v.SALT }).verifier,
    A_hex: v.A,
    b: v.b,
    B: v.B,
    secretBlock: v.SECRET_BLOCK,
    timestamp: v.TIMESTAMP,
    signature: v.signature,
    ...overrides,
  };
}

function deviceClaimInput(overrides: Partial<Parameters<typeof verifyDevicePasswordClaim>[0]> = {}) {
  return {
    deviceGroupKey: D1.deviceGroupKey,
    deviceKey: D1.deviceKey,
    verifierHex: D1.v_padhex,
    saltHex: D1.SALT,
    A_hex: D1.A,
    b: D1.b,
    B: D1.B,
    secretBlock: D1.SECRET_BLOCK,
    timestamp: D1.TIMESTAMP,
    signature: D1.signature,
    ...overrides,
  };
}

/** Flips one bit of a base64 string's decoded bytes. */
function flipBit(b64: string, byte = 0): string {
  const buf = Buffer.from(b64, 'base64');
  buf[byte] ^= 1;
  return buf.toString('base64');
}

describe('SRP group constants and encodings', () => {
  it('k = H(padHex(N) ‖ padHex(g)) equals the value both JS clients use', () => {
    expect(SRP_K.toString(16)).toBe('538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6');
  });

  it('N is the RFC 3526 3072-bit prime and the test client uses the same one', () => {
    expect(SRP_N.toString(16).length).toBe(768);
    expect(SRP_N).toBe(SRP_PRIME);
  });

  it('padHex gives the minimal two-complement encoding (even length, 00 before a set top bit)', () => {
    expect(padHex(20n)).toBe('14');
    expect(padHex(236n)).toBe('00ec');
    expect(padHex(200n)).toBe('00c8');
    expect(padHex(0x7fn)).toBe('7f');
    expect(padHex(0x123n)).toBe('0123');
    expect(padHex(SRP_N)).toHaveLength(770);
    expect(padHex(SRP_N).startsWith('00ff')).toBe(true);
  });
});

describe('vector U1 (salt with top bit set)', () => {
  it('server: the stored verifier from salt and password is the vector v, SALT kept as sent', () => {
    const stored = createPasswordVerifier(U1.poolName, U1.userIdForSrp, U1.password, { salt: U1.SALT });
    expect(stored).toEqual({ salt: U1.SALT, verifier: U1.v_padhex });
  });

  it('server: SRP_B from the fixed b is the vector B', () => {
    expect(startSrp(U1.v_padhex, { b: U1.b })).toEqual({ b: U1.b, B: U1.B });
  });

  it('server: u, S and the HKDF key match the vector', () => {
    expect(deriveServerSessionKey({ verifierHex: U1.v_padhex, A_hex: U1.A, b: U1.b, B: U1.B })).toEqual({
      u: U1.u,
      S: U1.S,
      hkdfKey: U1.hkdfKey,
    });
  });

  it('server: accepts the vector PASSWORD_CLAIM_SIGNATURE', () => {
    expect(verifyPasswordClaim(userClaimInput(U1))).toBe(true);
  });

  it('server: refuses the vector signature with a zero-padded day or a wrong weekday in TIMESTAMP', () => {
    expect(verifyPasswordClaim(userClaimInput(U1, { timestamp: 'Tue Jan 05 03:04:05 UTC 2021' }))).toBe(false);
    expect(verifyPasswordClaim(userClaimInput(U1, { timestamp: 'Wed Jan 5 03:04:05 UTC 2021' }))).toBe(false);
  });

  it('test client: A, x, u, S, HKDF key and signature match the vector', () => {
    const ephemeral = generateSrpA(U1.a);
    expect(ephemeral.A).toBe(U1.A);
    const claim = passwordClaim({ ...U1, ephemeral, SRP_B: U1.B });
    expect(claim).toEqual({ x: U1.x, u: U1.u, S: U1.S, hkdfKey: U1.hkdfKey, signature: U1.signature });
  });
});

describe('vector U2 (salt without top bit)', () => {
  it('server: verifier, SRP_B, u and HKDF key match and the vector signature verifies', () => {
    const stored = createPasswordVerifier(U2.poolName, U2.userIdForSrp, U2.password, { salt: U2.SALT });
    expect(stored.salt).toBe(U2.SALT);
    expect(startSrp(stored.verifier, { b: U2.b }).B).toBe(U2.B);
    const session = deriveServerSessionKey({ verifierHex: stored.verifier, A_hex: U2.A, b: U2.b, B: U2.B });
    expect(session?.u).toBe(U2.u);
    expect(session?.hkdfKey).toBe(U2.hkdfKey);
    expect(verifyPasswordClaim(userClaimInput(U2))).toBe(true);
  });

  it('server: the U2 signature does not verify against the U1 verifier (salt matters)', () => {
    expect(verifyPasswordClaim(userClaimInput(U2, { verifierHex: U1.v_padhex }))).toBe(false);
  });

  it('test client: x, u, HKDF key and signature match the vector', () => {
    const claim = passwordClaim({ ...U2, ephemeral: generateSrpA(U2.a), SRP_B: U2.B });
    expect(claim.x).toBe(U2.x);
    expect(claim.u).toBe(U2.u);
    expect(claim.hkdfKey).toBe(U2.hkdfKey);
    expect(claim.signature).toBe(U2.signature);
  });
});

describe('vector D1 (device SRP)', () => {
  it('server: ConfirmDevice base64 fields are stored byte for byte as hex', () => {
    expect(deviceVerifierFromConfig({ Salt: D1.Salt, PasswordVerifier: D1.PasswordVerifier })).toEqual({
      saltHex: D1.SALT,
      verifierHex: D1.v_padhex,
    });
  });

  it('server: SRP_B, u and HKDF key match and the vector device signature verifies', () => {
    expect(startSrp(D1.v_padhex, { b: D1.b }).B).toBe(D1.B);
    const session = deriveServerSessionKey({ verifierHex: D1.v_padhex, A_hex: D1.A, b: D1.b, B: D1.B });
    expect(session?.u).toBe(D1.u);
    expect(session?.hkdfKey).toBe(D1.hkdfKey);
    expect(verifyDevicePasswordClaim(deviceClaimInput())).toBe(true);
  });

  it('server: the device signature is bound to DeviceGroupKey and DeviceKey', () => {
    expect(verifyDevicePasswordClaim(deviceClaimInput({ deviceGroupKey: '-Zx8Qy2Ac' }))).toBe(false);
    expect(
      verifyDevicePasswordClaim(deviceClaimInput({ deviceKey: 'us-east-1_0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f1' })),
    ).toBe(false);
  });

  it('test client: generateDeviceVerifier with the vector password and salt gives the vector ConfirmDevice fields', () => {
    expect(
      generateDeviceVerifier(D1.deviceGroupKey, D1.deviceKey, { devicePassword: D1.devicePassword, saltHex: D1.SALT }),
    ).toEqual({ devicePassword: D1.devicePassword, Salt: D1.Salt, PasswordVerifier: D1.PasswordVerifier });
  });

  it('test client: A, u, HKDF key and device signature match the vector', () => {
    const ephemeral = generateSrpA(D1.a);
    expect(ephemeral.A).toBe(D1.A);
    const claim = devicePasswordClaim({ ...D1, ephemeral, SRP_B: D1.B });
    expect(claim.u).toBe(D1.u);
    expect(claim.hkdfKey).toBe(D1.hkdfKey);
    expect(claim.signature).toBe(D1.signature);
  });
});

describe('user SRP round trip between the test client and the server', () => {
  const poolName = 'Zz9RoundTrip';
  const userIdForSrp = '6f1c2d3e-aaaa-4bbb-8ccc-1234567890ab';
  const password = 'correct horse battery staple ✓';
  const stored = createPasswordVerifier(poolName, userIdForSrp, password);

  function challenge(clientPassword = password, at = new Date()) {
    const ephemeral = generateSrpA();
    const server = startSrp(stored.verifier);
    const secretBlock = newSecretBlock();
    const timestamp = clientTimestamp(at);
    const claim = passwordClaim({
      poolName,
      userIdForSrp,
      password: clientPassword,
      ephemeral,
      SALT: stored.salt,
      SRP_B: server.B,
      SECRET_BLOCK: secretBlock,
      TIMESTAMP: timestamp,
    });
    const input = {
      poolName,
      userIdForSrp,
      saltHex: stored.salt,
      verifierHex: stored.verifier,
      A_hex: ephemeral.A,
      b: server.b,
      B: server.B,
      secretBlock,
      timestamp,
      signature: claim.signature,
    };
    return { ephemeral, server, input };
  }

  it('accepts a proof computed by the client from the right password', () => {
    expect(verifyPasswordClaim(challenge().input)).toBe(true);
  });

  it('accepts proofs at instants with single-digit days and at midnight', () => {
    for (const at of [new Date(Date.UTC(2024, 1, 1, 0, 0, 0)), new Date(Date.UTC(2025, 8, 9, 9, 5, 7))]) {
      expect(verifyPasswordClaim(challenge(password, at).input)).toBe(true);
    }
  });

  it('refuses a proof computed from a wrong password', () => {
    expect(verifyPasswordClaim(challenge('correct horse battery staple').input)).toBe(false);
  });

  it('refuses a proof when TIMESTAMP is changed after signing', () => {
    const { input } = challenge(password, new Date(Date.UTC(2024, 4, 6, 7, 8, 9)));
    expect(input.timestamp).toBe('Mon May 6 07:08:09 UTC 2024');
    expect(verifyPasswordClaim({ ...input, timestamp: 'Mon May 6 07:08:10 UTC 2024' })).toBe(false);
  });

  it('refuses a signature with one bit flipped', () => {
    const { input } = challenge();
    expect(verifyPasswordClaim({ ...input, signature: flipBit(input.signature, 7) })).toBe(false);
  });

  it('refuses a proof presented with another SECRET_BLOCK', () => {
    const { input } = challenge();
    expect(verifyPasswordClaim({ ...input, secretBlock: newSecretBlock() })).toBe(false);
  });

  it('refuses a proof checked against another user id or pool name', () => {
    const { input } = challenge();
    expect(verifyPasswordClaim({ ...input, userIdForSrp: 'someone-else' })).toBe(false);
    expect(verifyPasswordClaim({ ...input, poolName: 'OtherPool' })).toBe(false);
  });

  it('refuses a proof whose TIMESTAMP the client signed and sent with a zero-padded day', () => {
    const ephemeral = generateSrpA();
    const server = startSrp(stored.verifier);
    const secretBlock = newSecretBlock();
    const timestamp = 'Mon May 06 07:08:09 UTC 2024';
    const claim = passwordClaim({
      poolName,
      userIdForSrp,
      password,
      ephemeral,
      SALT: stored.salt,
      SRP_B: server.B,
      SECRET_BLOCK: secretBlock,
      TIMESTAMP: timestamp,
    });
    const input = {
      poolName,
      userIdForSrp,
      verifierHex: stored.verifier,
      A_hex: ephemeral.A,
      b: server.b,
      B: server.B,
      secretBlock,
      signature: claim.signature,
    };
    expect(verifyPasswordClaim({ ...input, timestamp })).toBe(false);
    // Control: the same proof over the canonical string is accepted, so only the padding made it fail.
    const canonical = passwordClaim({
      poolName,
      userIdForSrp,
      password,
      ephemeral,
      SALT: stored.salt,
      SRP_B: server.B,
      SECRET_BLOCK: secretBlock,
      TIMESTAMP: 'Mon May 6 07:08:09 UTC 2024',
    });
    expect(
      verifyPasswordClaim({ ...input, timestamp: 'Mon May 6 07:08:09 UTC 2024', signature: canonical.signature }),
    ).toBe(true);
  });

  it('refuses A ≡ 0 (mod N), even when the attacker signs with the S = 0 that such an A would force', () => {
    const server = startSrp(stored.verifier);
    const secretBlock = newSecretBlock();
    const timestamp = clientTimestamp(new Date());
    for (const A of [SRP_N, 2n * SRP_N, 0n]) {
      const A_hex = A.toString(16);
      // With A = 0 mod N the server's S = (A·v^u)^b would be 0: forge the proof for S = 0.
      const u = createHash('sha256')
        .update(Buffer.from(padHex(A) + padHex(BigInt('0x' + server.B)), 'hex'))
        .digest();
      const prk = createHmac('sha256', Buffer.from(padHex(BigInt('0x' + u.toString('hex'))), 'hex'))
        .update(Buffer.from('00', 'hex'))
        .digest();
      const key = createHmac('sha256', prk)
        .update(Buffer.concat([Buffer.from('Caldera Derived Key'), Buffer.from([1])]))
        .digest()
        .subarray(0, 16);
      const signature = createHmac('sha256', key)
        .update(
          Buffer.concat([
            Buffer.from(poolName),
            Buffer.from(userIdForSrp),
            Buffer.from(secretBlock, 'base64'),
            Buffer.from(timestamp),
          ]),
        )
        .digest('base64');
      expect(isValidSrpA(A_hex)).toBe(false);
      expect(
        verifyPasswordClaim({
          poolName,
          userIdForSrp,
          verifierHex: stored.verifier,
          A_hex,
          b: server.b,
          B: server.B,
          secretBlock,
          timestamp,
          signature,
        }),
      ).toBe(false);
    }
  });

  it('refuses SRP_A that is not hex or is absurdly long', () => {
    const { input } = challenge();
    expect(isValidSrpA(input.A_hex)).toBe(true);
    expect(isValidSrpA('xyz')).toBe(false);
    expect(isValidSrpA('')).toBe(false);
    expect(isValidSrpA('1'.repeat(2000))).toBe(false);
    expect(verifyPasswordClaim({ ...input, A_hex: '0'.repeat(1000) + input.A_hex })).toBe(false);
  });

  it('accepts SRP_A in upper case or with leading zeros (same integer)', () => {
    const { input } = challenge();
    expect(isValidSrpA(input.A_hex.toUpperCase())).toBe(true);
    expect(verifyPasswordClaim({ ...input, A_hex: input.A_hex.toUpperCase() })).toBe(true);
    // u hashes padHex(A), so an equal integer in another spelling still proves the same thing.
    expect(verifyPasswordClaim({ ...input, A_hex: '00' + input.A_hex })).toBe(true);
  });
});

describe('device SRP round trip between the test client and the server', () => {
  const deviceGroupKey = '-AbCd1234';
  const deviceKey = 'eu-west-1_9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
  const generated = generateDeviceVerifier(deviceGroupKey, deviceKey);
  const stored = deviceVerifierFromConfig({ Salt: generated.Salt, PasswordVerifier: generated.PasswordVerifier });

  function deviceChallenge(devicePassword: string) {
    if (!stored) throw new Error('verifier not stored');
    const ephemeral = generateSrpA();
    const server = startSrp(stored.verifierHex);
    const secretBlock = newSecretBlock();
    const timestamp = clientTimestamp();
    const claim = devicePasswordClaim({
      deviceGroupKey,
      deviceKey,
      devicePassword,
      ephemeral,
      SALT: stored.saltHex,
      SRP_B: server.B,
      SECRET_BLOCK: secretBlock,
      TIMESTAMP: timestamp,
    });
    return {
      deviceGroupKey,
      deviceKey,
      verifierHex: stored.verifierHex,
      A_hex: ephemeral.A,
      b: server.b,
      B: server.B,
      secretBlock,
      timestamp,
      signature: claim.signature,
    };
  }

  it('stores a verifier from generateDeviceVerifier output and accepts the device password proof', () => {
    expect(generated.devicePassword).toMatch(/^[A-Za-z0-9+/]{54}==$/);
    expect(stored).toBeDefined();
    expect(verifyDevicePasswordClaim(deviceChallenge(generated.devicePassword))).toBe(true);
  });

  it('refuses a proof made with another device password', () => {
    const other = generateDeviceVerifier(deviceGroupKey, deviceKey).devicePassword;
    expect(verifyDevicePasswordClaim(deviceChallenge(other))).toBe(false);
  });

  it('refuses a device proof with a tampered signature or TIMESTAMP', () => {
    const input = deviceChallenge(generated.devicePassword);
    expect(verifyDevicePasswordClaim({ ...input, signature: flipBit(input.signature, 31) })).toBe(false);
    const later = formatSrpTimestamp(new Date(Date.now() + 60_000));
    expect(verifyDevicePasswordClaim({ ...input, timestamp: later })).toBe(false);
  });

  it('rejects ConfirmDevice verifier configs that are missing, not base64, empty or ≡ 0 mod N', () => {
    expect(deviceVerifierFromConfig({ Salt: generated.Salt })).toBeUndefined();
    expect(deviceVerifierFromConfig({ Salt: 'not base64!', PasswordVerifier: generated.PasswordVerifier })).toBeUndefined();
    expect(deviceVerifierFromConfig({ Salt: '', PasswordVerifier: generated.PasswordVerifier })).toBeUndefined();
    expect(deviceVerifierFromConfig({ Salt: generated.Salt, PasswordVerifier: 'AA==' })).toBeUndefined();
    expect(
      deviceVerifierFromConfig({ Salt: generated.Salt, PasswordVerifier: Buffer.from(padHex(SRP_N), 'hex').toString('base64') }),
    ).toBeUndefined();
    expect(deviceVerifierFromConfig({ Salt: 123, PasswordVerifier: generated.PasswordVerifier })).toBeUndefined();
  });
});

describe('password check for USER_PASSWORD_AUTH from the stored verifier', () => {
  const stored = createPasswordVerifier('AbCdEf123', 'bob', 'Sup3r-secret');

  it('accepts the password the verifier was made from', () => {
    expect(checkPassword('AbCdEf123', 'bob', 'Sup3r-secret', stored)).toBe(true);
  });

  it('refuses a wrong password, another username or another pool', () => {
    expect(checkPassword('AbCdEf123', 'bob', 'Sup3r-secreT', stored)).toBe(false);
    expect(checkPassword('AbCdEf123', 'bobby', 'Sup3r-secret', stored)).toBe(false);
    expect(checkPassword('AbCdEf124', 'bob', 'Sup3r-secret', stored)).toBe(false);
  });

  it('accepts the vector password against the vector verifier and refuses a corrupt stored verifier', () => {
    expect(checkPassword(U1.poolName, U1.userIdForSrp, U1.password, { salt: U1.SALT, verifier: U1.v_padhex })).toBe(true);
    expect(checkPassword(U1.poolName, U1.userIdForSrp, U1.password, { salt: U1.SALT, verifier: 'zz' })).toBe(false);
  });
});

describe('verifier and ephemeral generation', () => {
  it('creates a canonical padHex salt from 16 random bytes, different every time', () => {
    const one = createPasswordVerifier('P', 'u', 'pw');
    const two = createPasswordVerifier('P', 'u', 'pw');
    expect(one.salt).not.toBe(two.salt);
    expect(padHex(BigInt('0x' + one.salt))).toBe(one.salt);
    expect(one.salt.length).toBeLessThanOrEqual(34);
  });

  it('uses the injected random source for the salt', () => {
    const fixed = createPasswordVerifier(U1.poolName, U1.userIdForSrp, U1.password, {
      randomBytes: () => Buffer.from(U1.SALT.slice(2), 'hex'),
    });
    expect(fixed).toEqual({ salt: U1.SALT, verifier: U1.v_padhex });
  });

  it('startSrp sends B as lower-case unpadded hex below N and picks a fresh b each time', () => {
    const first = startSrp(U1.v_padhex);
    const second = startSrp(U1.v_padhex);
    expect(first.b).not.toBe(second.b);
    expect(first.B).toMatch(/^[1-9a-f][0-9a-f]*$/);
    expect(BigInt('0x' + first.B) < SRP_N).toBe(true);
  });

  it('newSecretBlock is padded standard base64 of 64 random bytes, different every time', () => {
    const block = newSecretBlock();
    expect(block).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(block.length % 4).toBe(0);
    expect(Buffer.from(block, 'base64')).toHaveLength(64);
    expect(newSecretBlock()).not.toBe(block);
  });
});

describe('TIMESTAMP format', () => {
  it('formats like the JS clients: English names, unpadded day, two-digit time, UTC', () => {
    expect(formatSrpTimestamp(new Date(Date.UTC(2021, 0, 5, 3, 4, 5)))).toBe('Tue Jan 5 03:04:05 UTC 2021');
    expect(formatSrpTimestamp(new Date(Date.UTC(2023, 11, 31, 23, 59, 59)))).toBe('Sun Dec 31 23:59:59 UTC 2023');
  });

  it('agrees with the test client formatter over a spread of instants', () => {
    for (let t = Date.UTC(1999, 11, 25); t < Date.UTC(2031, 0, 1); t += 86_400_000 * 37 + 3_723_000) {
      const at = new Date(t);
      expect(formatSrpTimestamp(at)).toBe(clientTimestamp(at));
      expect(isCanonicalTimestamp(clientTimestamp(at))).toBe(true);
    }
  });

  it('treats as non-canonical: padded day, wrong weekday, unpadded hour, other zone, impossible dates', () => {
    for (const s of [
      'Tue Jan 05 03:04:05 UTC 2021',
      'Wed Jan 5 03:04:05 UTC 2021',
      'Tue Jan 5 3:04:05 UTC 2021',
      'Tue Jan 5 03:04:05 GMT 2021',
      'tue jan 5 03:04:05 UTC 2021',
      'Tue Jan 5 03:04:05 UTC 2021 ',
      'Tue Jan  5 03:04:05 UTC 2021',
      'Mon Feb 30 03:04:05 UTC 2021',
      'Tue Jan 5 24:00:00 UTC 2021',
      'Tue Jan 5 03:60:05 UTC 2021',
      '2021-01-05T03:04:05Z',
    ]) {
      expect(isCanonicalTimestamp(s), s).toBe(false);
    }
  });

  it('a proof signed over the canonical TIMESTAMP is refused when the string sent is a padded-day variant', () => {
    // Guards REFUSE_NON_CANONICAL_TIMESTAMP: without it the server would re-format and accept this.
    expect(REFUSE_NON_CANONICAL_TIMESTAMP).toBe(true);
    expect(verifyPasswordClaim(userClaimInput(U1, { timestamp: 'Tue Jan 05 03:04:05 UTC 2021' }))).toBe(false);
  });

  it('parses a padded day to its canonical string', () => {
    expect(parseSrpTimestamp('Tue Jan 05 03:04:05 UTC 2021')?.canonical).toBe('Tue Jan 5 03:04:05 UTC 2021');
    expect(parseSrpTimestamp('Mon Feb 30 03:04:05 UTC 2021')).toBeUndefined();
  });
});
