import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, copyFile, cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GenericContainer } from 'testcontainers';
import { TekigoEnvironmentError } from '../../src/errors.ts';
import { specDigest } from '../../src/spec/spec-digest.ts';
import { dockerEngine } from './docker-engine.ts';
import { runtimeModuleFolders } from './runtime-modules.ts';
import { type ImageKind, imageName } from './tekigo-image.ts';

/** The folder holding package.json, src/, specs/ and test-env/. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const IMAGES_DIR = fileURLToPath(new URL('./images/', import.meta.url));
/** The official image used where a registry answers. */
export const DEFAULT_BASE_IMAGE = 'node:24-bookworm-slim';

export interface BuildImagesOptions {
  /** A base image to build on (it must have Node >= 22 at /usr/local/bin/node); default: node:24, or the local Node when no registry answers. */
  readonly baseImage?: string;
  /** Never try a registry: build the base from the local Node runtime. */
  readonly offline?: boolean;
  readonly log?: (line: string) => void;
}

export interface BuiltImages {
  readonly base: string;
  readonly images: Readonly<Record<ImageKind, string>>;
  readonly version: string;
  readonly specDigest: string;
}

/**
 * Builds the mock and reference images from the compiled package (`npm run build`), on a base
 * from a registry or, when none answers, on one made from the Node runtime running this code.
 */
export async function buildImages(options: BuildImagesOptions = {}): Promise<BuiltImages> {
  const log = options.log ?? (() => {});
  if (!existsSync(join(PACKAGE_ROOT, 'src/mocks/main.js'))) {
    throw new TekigoEnvironmentError(
      'NOT_BUILT',
      `${PACKAGE_ROOT} is not built (src/mocks/main.js is missing); run npm run build first`,
    );
  }
  const docker = await dockerEngine();
  const version = (
    JSON.parse(await readFile(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const digest = await specDigest(join(PACKAGE_ROOT, 'specs'));
  const work = join(PACKAGE_ROOT, '.tekigo', 'images');
  const base = await chooseBase(options, work, log, docker);
  const context = join(work, 'context');
  await stageApp(context);
  const images = {} as Record<ImageKind, string>;
  for (const kind of ['mock', 'reference'] as const) {
    const name = imageName(kind, version);
    await copyFile(join(IMAGES_DIR, `${kind}.Dockerfile`), join(context, `${kind}.Dockerfile`));
    log(`building ${name} on ${base}`);
    await GenericContainer.fromDockerfile(context, `${kind}.Dockerfile`)
      .withBuildArgs({ BASE_IMAGE: base, TEKIGO_VERSION: version, TEKIGO_SPEC_DIGEST: digest })
      .withCache(true)
      .build(name, { deleteOnExit: false });
    await docker.getImage(name).tag({ repo: `tekigo-${kind}`, tag: 'latest' });
    images[kind] = name;
  }
  return { base, images, version, specDigest: digest };
}

async function chooseBase(
  options: BuildImagesOptions,
  work: string,
  log: (line: string) => void,
  docker: Awaited<ReturnType<typeof dockerEngine>>,
): Promise<string> {
  if (options.baseImage) return options.baseImage;
  if (!options.offline && (await pulled(docker, DEFAULT_BASE_IMAGE))) return DEFAULT_BASE_IMAGE;
  log(
    `no registry answered for ${DEFAULT_BASE_IMAGE}; making a base image from the local Node ${process.version}`,
  );
  return buildLocalBase(join(work, 'base'));
}

/** Whether the image is present, or could be pulled within a few seconds. */
async function pulled(docker: Awaited<ReturnType<typeof dockerEngine>>, image: string): Promise<boolean> {
  try {
    await docker.getImage(image).inspect();
    return true;
  } catch {}
  try {
    const stream = await Promise.race([
      docker.pull(image),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 8_000)),
    ]);
    await new Promise<void>((resolve, reject) =>
      docker.modem.followProgress(stream, (error) => (error ? reject(error) : resolve())),
    );
    return true;
  } catch {
    return false;
  }
}

/**
 * A base image from this machine's Node: the binary, the shared libraries `ldd` lists, a user
 * `node` (1000), nsswitch, and /tmp and /home/node owned by that user. No shell, no package manager.
 */
export async function buildLocalBase(dir: string): Promise<string> {
  const tag = `tekigo-node-base:${process.versions.node}`;
  const rootfs = join(dir, 'rootfs');
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(rootfs, 'usr/local/bin'), { recursive: true });
  await copyFile(process.execPath, join(rootfs, 'usr/local/bin/node'));
  await chmod(join(rootfs, 'usr/local/bin/node'), 0o755);
  for (const library of sharedLibraries(process.execPath)) {
    await mkdir(join(rootfs, dirname(library)), { recursive: true });
    await cp(library, join(rootfs, library), { dereference: true });
  }
  await mkdir(join(rootfs, 'etc'), { recursive: true });
  await writeFile(
    join(rootfs, 'etc/passwd'),
    'root:x:0:0:root:/root:/sbin/nologin\nnode:x:1000:1000:node:/home/node:/sbin/nologin\n',
  );
  await writeFile(join(rootfs, 'etc/group'), 'root:x:0:\nnode:x:1000:\n');
  await writeFile(join(rootfs, 'etc/nsswitch.conf'), 'passwd: files\ngroup: files\nhosts: files dns\n');
  await writeFile(join(rootfs, 'etc/hosts'), '127.0.0.1 localhost\n');
  await mkdir(join(dir, 'writable'));
  await copyFile(join(IMAGES_DIR, 'local-base.Dockerfile'), join(dir, 'Dockerfile'));
  await GenericContainer.fromDockerfile(dir).withCache(true).build(tag, { deleteOnExit: false });
  return tag;
}

/** The absolute paths of the shared libraries a binary loads, as `ldd` prints them. */
function sharedLibraries(binary: string): string[] {
  const out = execFileSync('ldd', [binary], { encoding: 'utf8' });
  return [...out.matchAll(/(?:=>\s*)?(\/\S+)\s+\(0x/g)].map((m) => m[1] as string);
}

/** The build context: the compiled package as the processes need it, nothing else. */
async function stageApp(context: string): Promise<void> {
  const app = join(context, 'app');
  await rm(context, { recursive: true, force: true });
  await mkdir(app, { recursive: true });
  await mkdir(join(context, 'data'));
  await copyFile(join(PACKAGE_ROOT, 'package.json'), join(app, 'package.json'));
  await cp(join(PACKAGE_ROOT, 'specs'), join(app, 'specs'), { recursive: true });
  const runtimeFile = (name: string) =>
    (name.endsWith('.js') || name.endsWith('.json')) && !/\.test\.|-fixtures\./.test(name);
  for (const folder of ['src', 'test-env/containers/images']) {
    for (const file of await readdir(join(PACKAGE_ROOT, folder), { recursive: true })) {
      if (!runtimeFile(file) || file.split('/').includes('fixtures')) continue;
      const to = join(app, folder, file);
      await mkdir(dirname(to), { recursive: true });
      await copyFile(join(PACKAGE_ROOT, folder, file), to);
    }
  }
  const folders = await runtimeModuleFolders(PACKAGE_ROOT);
  for (const folder of folders) {
    if (folders.some((other) => other !== folder && folder.startsWith(`${other}/`))) continue;
    await cp(join(PACKAGE_ROOT, folder), join(app, folder), { recursive: true, dereference: true });
  }
  if (relative(PACKAGE_ROOT, context).startsWith('..')) throw new Error('context outside the package');
}
