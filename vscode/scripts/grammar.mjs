// Builds syntaxes/ocstopo.tmLanguage.json. The regular expressions share their pieces (a name, an
// address, keyword boundaries) from here, which a hand-edited JSON file would repeat many times.
// The lexical pieces follow the terminals of org.ocs.topology.dsl/.../Topology.xtext.
// Run: node scripts/grammar.mjs [--check]   (--check fails if the JSON file is not up to date)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// A keyword is a whole lexer token: not part of a name (fe1.contoso.com, lb-side-a), a SIP URI or
// the keyword source-address.
const B = '(?<![A-Za-z0-9_.:@-])';
const E = '(?![A-Za-z0-9_.:@-])';
const kw = (word) => `${B}(${word})${E}`;
const kws = (...words) => words.map((w) => `(${w})`).join('\\s+') ; // consecutive keywords
// Terminal FQDN | ID (Xtext: LABEL_START LABEL_CHAR* ('.' LABEL_CHAR+)*).
const NAME = '[A-Za-z_][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)*';
const name = `(${NAME})${E}`;
const S = 'ocstopo';

const declaration = (kind) => `storage.type.${kind}.${S}`;
const declared = (kind) => `entity.name.type.${kind}.${S}`;
const reference = (kind) => `variable.other.reference.${kind}.${S}`;
const setting = (what) => `keyword.other.${what}.${S}`;

/** keywords, then a name: one match rule with a scope per capture. */
function header(words, wordScope, nameScope) {
  const captures = {};
  words.forEach((_, i) => (captures[i + 1] = { name: wordScope }));
  if (nameScope) captures[words.length + 1] = { name: nameScope };
  return {
    match: `${B}${kws(...words)}${E}${nameScope ? `\\s+${name}` : ''}`,
    captures,
  };
}

/** keywords then a comma-separated list of names that may go on over lines. */
function nameList(words, wordScope, itemScope) {
  const beginCaptures = {};
  words.forEach((_, i) => (beginCaptures[i + 1] = { name: wordScope }));
  beginCaptures[words.length + 1] = { name: itemScope };
  return {
    begin: `${B}${kws(...words)}\\s+${name}`,
    beginCaptures,
    // The list ends after a name that no comma follows.
    end: `(?<=[A-Za-z0-9_-])(?!\\s*,)`,
    patterns: [
      { include: '#comments' },
      { include: '#comma' },
      { match: `${B}${NAME}${E}`, name: itemScope },
    ],
  };
}

const repository = {
  comments: {
    patterns: [
      {
        // A suppression: // ocstopo-ignore <rule-id> <reason>
        match: `(//)\\s*(ocstopo-ignore)${E}(?:\\s+([a-z0-9-]+))?(.*)$`,
        name: `comment.line.double-slash.suppression.${S}`,
        captures: {
          1: { name: `punctuation.definition.comment.${S}` },
          2: { name: `keyword.other.suppression.${S}` },
          3: { name: `constant.other.rule-id.${S}` },
        },
      },
      {
        match: '(//).*$',
        name: `comment.line.double-slash.${S}`,
        captures: { 1: { name: `punctuation.definition.comment.${S}` } },
      },
      {
        begin: '/\\*',
        end: '\\*/',
        name: `comment.block.${S}`,
        beginCaptures: { 0: { name: `punctuation.definition.comment.begin.${S}` } },
        endCaptures: { 0: { name: `punctuation.definition.comment.end.${S}` } },
      },
    ],
  },

  literals: {
    patterns: [
      {
        // Terminal SIP_URI, before anything that could take its "sip".
        match: `${B}sip:[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*@[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*`,
        name: `string.unquoted.sip-uri.${S}`,
      },
      {
        // Terminal ADDRESS: a dotted number with an optional prefix length, or a netmask written in its
        // place (range and form are the validator's job).
        match: `${B}(\\d+(?:\\.\\d+)+)(?:(/)(\\d+(?:\\.\\d+)*))?(?![A-Za-z0-9_.-])`,
        captures: {
          1: { name: `constant.numeric.ip-address.${S}` },
          2: { name: `punctuation.separator.prefix.${S}` },
          3: { name: `constant.numeric.prefix-length.${S}` },
        },
      },
      { match: `${B}\\d+(?![A-Za-z0-9_.-])`, name: `constant.numeric.integer.${S}` },
    ],
  },

  comma: { match: ',', name: `punctuation.separator.comma.${S}` },

  punctuation: {
    patterns: [
      { match: '->', name: `keyword.operator.arrow.${S}` },
      { match: '\\{', name: `punctuation.section.block.begin.${S}` },
      { match: '\\}', name: `punctuation.section.block.end.${S}` },
      { include: '#comma' },
    ],
  },

  header: {
    patterns: [
      header(['topology'], declaration('topology'), declared('topology')),
      header(['product'], setting('product'), `constant.language.product.${S}`),
      nameList(['sip', 'domains'], setting('sip-domains'), `entity.name.namespace.sip-domain.${S}`),
      // In the header and in a server: the Windows version and host model.
      {
        match: `${B}(windows)${E}(?:\\s+(ws2003|ws2008r2|ws2008)${E})?`,
        captures: { 1: { name: setting('windows') }, 2: { name: `constant.language.windows.${S}` } },
      },
      {
        match: `${B}${kws('host', 'model')}${E}(?:\\s+(strong|weak)${E})?`,
        captures: { 1: { name: setting('host-model') }, 2: { name: setting('host-model') }, 3: { name: `constant.language.host-model.${S}` } },
      },
    ],
  },

  site: {
    patterns: [
      header(['site'], declaration('site'), declared('site')),
      header(['subnet'], declaration('subnet'), declared('subnet')),
    ],
  },

  server: {
    patterns: [
      header(['server'], declaration('server'), declared('server')),
      header(['router'], declaration('router'), declared('router')),
      {
        // "interface 10.0.1.10/24" or "interface lb 198.51.100.11 on lb-side-a": the label is an ID.
        match: `${B}(interface)${E}(?:\\s+([A-Za-z_][A-Za-z0-9_-]*)(?=\\s+\\d))?`,
        captures: { 1: { name: setting('interface') }, 2: { name: `entity.name.label.interface.${S}` } },
      },
      header(['default', 'gateway'], setting('default-gateway')),
      header(['route'], setting('route')),
      header(['via'], setting('route')),
      header(['hosts'], setting('hosts'), reference('host')),
    ],
  },

  pools: {
    patterns: [
      header(['enterprise', 'pool'], declaration('pool'), declared('pool')),
      header(['director', 'pool'], declaration('pool'), declared('pool')),
      header(['edge', 'pool'], declaration('pool'), declared('pool')),
      header(['mediation', 'pool'], declaration('pool'), declared('pool')),
      header(['group', 'chat', 'pool'], declaration('pool'), declared('pool')),
      {
        // In a Standard Edition pool "server X" names a member, not a new server.
        begin: `${B}${kws('standard', 'edition', 'pool')}${E}(?:\\s+${name})?`,
        beginCaptures: {
          1: { name: declaration('pool') }, 2: { name: declaration('pool') }, 3: { name: declaration('pool') },
          4: { name: declared('pool') },
        },
        end: '\\}',
        endCaptures: { 0: { name: `punctuation.section.block.end.${S}` } },
        patterns: [
          { include: '#comments' },
          header(['server'], setting('members'), reference('server')),
          { include: '#pool-members' },
          // Its own brace, not the start of a nested block.
          { match: '\\{', name: `punctuation.section.block.begin.${S}` },
          { include: '#fallback' },
        ],
      },
      { include: '#pool-members' },
    ],
  },

  'pool-members': {
    patterns: [
      nameList(['front', 'ends'], setting('front-ends'), reference('server')),
      nameList(['servers'], setting('servers'), reference('server')),
      header(['back', 'end'], setting('back-end'), reference('server')),
      header(['database'], setting('database'), reference('server')),
      header(['compliance', 'server'], setting('compliance-server'), reference('server')),
      header(['next', 'hop'], setting('next-hop'), reference('pool')),
      {
        match: `${B}${kws('load', 'balanced', 'by')}\\s+(?:(vip)${E}(?:\\s+${name})?|(dns)${E})`,
        captures: {
          1: { name: setting('load-balanced-by') }, 2: { name: setting('load-balanced-by') },
          3: { name: setting('load-balanced-by') }, 4: { name: setting('load-balanced-by') },
          5: { name: reference('virtual-server') }, 6: { name: `constant.language.load-balancing.dns.${S}` },
        },
      },
      header(['web', 'services'], setting('web-services'), `entity.name.type.fqdn.web-services.${S}`),
      header(['lookup', 'account'], setting('lookup-account')),
      header(['homed', 'on'], setting('homed-on'), reference('pool')),
      {
        match: `${B}(plus)${E}(?:\\s+(\\d+)\\s+(other)${E}(?:\\s+(endpoints?)${E})?)?`,
        captures: {
          1: { name: setting('other-endpoints') }, 2: { name: `constant.numeric.integer.${S}` },
          3: { name: setting('other-endpoints') }, 4: { name: setting('other-endpoints') },
        },
      },
    ],
  },

  registrar: {
    patterns: [
      {
        match: `${B}(registrar)${E}(?:\\s+(?:(global)${E}|(site|pool)${E}\\s+${name}))?`,
        captures: {
          1: { name: declaration('registrar') }, 2: { name: `constant.language.scope.global.${S}` },
          3: { name: setting('registrar-scope') }, 4: { name: reference('scope') },
        },
      },
      header(['max', 'endpoints', 'per', 'user'], setting('max-endpoints-per-user')),
    ],
  },

  'load-balancer': {
    patterns: [
      header(['load', 'balancer'], declaration('load-balancer'), declared('load-balancer')),
      header(['forwarding', 'virtual', 'server'], declaration('virtual-server'), declared('virtual-server')),
      header(['virtual', 'server'], declaration('virtual-server'), declared('virtual-server')),
      {
        match: `${B}${kws('self', 'ip')}${E}(?:\\s+(floating)${E})?`,
        captures: { 1: { name: setting('self-ip') }, 2: { name: setting('self-ip') }, 3: { name: `storage.modifier.floating.${S}` } },
      },
      {
        begin: `${B}(ports)${E}\\s+(tcp|udp)${E}\\s+(\\d+)`,
        beginCaptures: {
          1: { name: setting('ports') }, 2: { name: `constant.language.protocol.${S}` },
          3: { name: `constant.numeric.port.${S}` },
        },
        end: '(?<=\\d)(?!\\s*,)',
        patterns: [
          { include: '#comments' },
          { include: '#comma' },
          { match: `${B}\\d+(?![A-Za-z0-9_.-])`, name: `constant.numeric.port.${S}` },
        ],
      },
      header(['members', 'pool'], setting('members'), reference('pool')),
      nameList(['members'], setting('members'), reference('server')),
      {
        match: `${B}${kws('source', 'translation')}${E}(?:\\s+(none|automap|snat)${E})?`,
        captures: { 1: { name: setting('source-translation') }, 2: { name: setting('source-translation') }, 3: { name: `constant.language.translation.${S}` } },
      },
      {
        match: `${B}(persistence)${E}(?:\\s+(none|source-address|cookie)${E})?`,
        captures: { 1: { name: setting('persistence') }, 2: { name: `constant.language.persistence.${S}` } },
      },
      header(['tcp', 'idle', 'timeout'], setting('tcp-idle-timeout')),
    ],
  },

  dns: {
    patterns: [
      {
        match: `${B}(A)${E}(?:\\s+${name})?`,
        captures: { 1: { name: `storage.type.dns-record.a.${S}` }, 2: { name: `entity.name.type.dns-host.${S}` } },
      },
      {
        match: `${B}(SRV)${E}(?:\\s+${name}(?:\\s*(->)\\s*${name})?)?`,
        captures: {
          1: { name: `storage.type.dns-record.srv.${S}` }, 2: { name: `entity.name.type.dns-service.${S}` },
          3: { name: `keyword.operator.arrow.${S}` }, 4: { name: reference('dns-target') },
        },
      },
      {
        match: `${B}(port)${E}(?:\\s+(\\d+)(?![A-Za-z0-9_.-]))?`,
        captures: { 1: { name: setting('srv') }, 2: { name: `constant.numeric.port.${S}` } },
      },
      header(['priority'], setting('srv')),
      header(['weight'], setting('srv')),
      { match: kw('dns'), captures: { 1: { name: declaration('dns') } } },
    ],
  },

  // "on <subnet>", "on vip <virtual server>"
  on: {
    match: `${B}(on)${E}(?:\\s+(?:(vip)${E}\\s+(?=${NAME}))?${name})?`,
    captures: { 1: { name: setting('on') }, 2: { name: setting('on') }, 3: { name: reference('subnet-or-vip') } },
  },

  // Every keyword of the language, wherever a specific rule above did not claim it (half-typed
  // text, a keyword on a line of its own).
  keywords: {
    patterns: [
      { match: kw('topology|site|subnet|server|enterprise|standard|edition|director|edge|mediation|group|chat|pool|balancer|virtual|forwarding|registrar|dns|A|SRV'), captures: { 1: { name: `storage.type.${S}` } } },
      { match: kw('ocs2007r2|lync2010|none|automap|snat|source-address|cookie|tcp|udp|global'), captures: { 1: { name: `constant.language.${S}` } } },
      { match: kw('floating'), captures: { 1: { name: `storage.modifier.floating.${S}` } } },
      { match: kw('product|sip|domains|interface|on|default|gateway|route|via|hosts|front|ends|back|end|servers|database|compliance|lookup|account|homed|plus|other|endpoints?|load|balanced|by|vip|web|services|max|per|user|self|ip|members|ports|source|translation|idle|timeout|persistence|port|priority|weight|next|hop'), captures: { 1: { name: `keyword.other.${S}` } } },
    ],
  },

  // Braces the rules above did not take.
  block: {
    begin: '\\{',
    beginCaptures: { 0: { name: `punctuation.section.block.begin.${S}` } },
    end: '\\}',
    endCaptures: { 0: { name: `punctuation.section.block.end.${S}` } },
    patterns: [{ include: '#declarations' }],
  },

  fallback: {
    patterns: [
      { include: '#literals' },
      { include: '#keywords' },
      { include: '#block' },
      { include: '#punctuation' },
      { match: `${B}${NAME}${E}`, name: `variable.other.name.${S}` },
    ],
  },

  declarations: {
    patterns: [
      { include: '#comments' },
      { include: '#literals' },
      { include: '#header' },
      { include: '#registrar' },
      { include: '#site' },
      { include: '#pools' },
      { include: '#load-balancer' },
      { include: '#server' },
      { include: '#dns' },
      { include: '#on' },
      { include: '#fallback' },
    ],
  },
};

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'ocstopo',
  scopeName: 'source.ocstopo',
  fileTypes: ['ocstopo'],
  comment: 'Generated by scripts/grammar.mjs; edit that file, not this one.',
  patterns: [{ include: '#declarations' }],
  repository,
};

const out = fileURLToPath(new URL('../syntaxes/ocstopo.tmLanguage.json', import.meta.url));
const text = JSON.stringify(grammar, null, 2) + '\n';
if (process.argv.includes('--check')) {
  if (readFileSync(out, 'utf8') !== text) {
    console.error('syntaxes/ocstopo.tmLanguage.json is out of date: run node scripts/grammar.mjs');
    process.exit(1);
  }
} else {
  writeFileSync(out, text);
}
