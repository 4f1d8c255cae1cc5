"""Packaging for cifar10_compressai, driven by settings.ini (the nbdev 2 convention).

Everything a release needs (name, version, requirements, entry points) lives in settings.ini,
so nbdev and pip read one source of truth."""
from configparser import ConfigParser

import setuptools

settings = ConfigParser(delimiters=['='])
settings.read('settings.ini', encoding='utf-8')
cfg = settings['DEFAULT']


def listed(key):
    "Space-separated requirement list from settings.ini."
    return cfg.get(key, '').split()


lib_name = cfg['lib_name']
setuptools.setup(
    name=cfg['repo'],
    version=cfg['version'],
    description=cfg['description'],
    long_description=open('README.md', encoding='utf-8').read(),
    long_description_content_type='text/markdown',
    author=cfg['author'],
    author_email=cfg['author_email'],
    url=cfg['git_url'],
    license='MIT',
    keywords=cfg['keywords'],
    python_requires='>=' + cfg['min_python'],
    packages=setuptools.find_packages(include=[lib_name, lib_name + '.*']),
    package_data={lib_name: listed('package_data')},
    include_package_data=True,
    install_requires=listed('requirements'),
    extras_require={'dev': listed('dev_requirements'),
                    'gpu': listed('gpu_requirements'),
                    'jxl': listed('jxl_requirements')},
    entry_points={'console_scripts': listed('console_scripts'),
                  'nbdev': [f'{cfg["lib_path"]}={cfg["lib_path"]}._modidx:d']},
    zip_safe=False,
    classifiers=['License :: OSI Approved :: MIT License',
                 'Programming Language :: Python :: 3',
                 'Topic :: Multimedia :: Graphics :: Graphics Conversion'],
)
